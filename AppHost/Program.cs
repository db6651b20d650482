Console.WriteLine("AppHost: not wired yet");
