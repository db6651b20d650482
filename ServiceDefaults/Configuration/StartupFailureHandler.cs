namespace WhatsAppGenesys.ServiceDefaults.Configuration;

/// <summary>
/// Turns a <see cref="ResourceConfigurationException"/> that escapes start-up into one readable line on stderr and
/// exit code 78 (EX_CONFIG), so an operator sees which resource is misconfigured instead of a stack trace.
/// </summary>
internal static class StartupFailureHandler
{
    private static int s_installed;

    public static void Install()
    {
        if (Interlocked.Exchange(ref s_installed, 1) == 1)
        {
            return;
        }
        AppDomain.CurrentDomain.UnhandledException += (_, e) =>
        {
            if (Find(e.ExceptionObject as Exception) is { } configurationError)
            {
                Console.Error.WriteLine($"Configuration error: {configurationError.Message}");
                Console.Error.Flush();
                Environment.Exit(78);
            }
        };
    }

    private static ResourceConfigurationException? Find(Exception? exception) => exception switch
    {
        null => null,
        ResourceConfigurationException found => found,
        AggregateException aggregate => aggregate.InnerExceptions.Select(Find).FirstOrDefault(f => f is not null),
        _ => Find(exception.InnerException),
    };
}
