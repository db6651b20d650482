namespace WhatsAppGenesys.SandboxKit.Faults;

/// <summary>
/// Which requests a fault rule (POST /sandbox/faults) covers and for how long: <c>path</c> is a glob (* matches
/// anything, slashes included), <c>method</c> an HTTP method; <c>count</c> limits the rule to the next N matching
/// requests, <c>durationSeconds</c> to a time window, and with neither it lasts until cleared. What the rule then does
/// (a status, an error code, latency) is each simulator's own.
/// </summary>
public interface IFaultRequest
{
    string? Path { get; }
    string? Method { get; }
    int? Count { get; }
    int? DurationSeconds { get; }
}
