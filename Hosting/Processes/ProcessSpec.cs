namespace WhatsAppGenesys.Hosting.Processes;

/// <summary>One process a resource runs.</summary>
/// <param name="DisplayName">Prefix of its output lines (the resource name, plus a replica number when there are several).</param>
/// <param name="StopSignal">Asked for first when stopping; SIGKILL follows after <paramref name="StopTimeout"/>.</param>
/// <param name="ListeningPort">When set, the next process of the resource starts only once this port accepts connections.</param>
internal sealed record ProcessSpec(
    string DisplayName,
    string FileName,
    IReadOnlyList<string> Arguments,
    string WorkingDirectory,
    IReadOnlyDictionary<string, string?> Environment,
    int StopSignal = Posix.SIGTERM,
    TimeSpan? StopTimeout = null,
    int? ListeningPort = null);
