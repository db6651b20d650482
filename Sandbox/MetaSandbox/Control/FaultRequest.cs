using WhatsAppGenesys.SandboxKit.Faults;

namespace WhatsAppGenesys.MetaSandbox.Control;

// {"path":"/v23.0/*/messages","status":503,"count":10,"durationSeconds":60,"latencyMs":0,"retryAfterSeconds":2,"errorCode":130429}
/// <param name="LatencyMs">Delay before the request is handled.</param>
/// <param name="ResponseLatencyMs">
/// Delay after the request was handled, before the answer leaves: a send is accepted (and its statuses are on their
/// way) while the caller still waits, so a status webhook can overtake the send's own response, as it can at Meta.
/// </param>
/// <param name="To">Only sends to this recipient (the body's <c>to</c>, with or without '+'): one customer's fault
/// leaves everyone else's traffic alone, so a test can keep it for minutes without stopping other tests.</param>
public sealed record FaultRequest(string? Path, string? Method, int? Status, int? Count, int? DurationSeconds, int? LatencyMs,
    int? RetryAfterSeconds, int? ErrorCode, int? ResponseLatencyMs = null, string? To = null) : IFaultRequest
{
    /// <summary>Whether the rule covers a send to <paramref name="recipient"/> (the body's <c>to</c>; null when not read).</summary>
    public bool Covers(string? recipient) =>
        To is not { Length: > 0 } to || (recipient is not null && to.TrimStart('+') == recipient.TrimStart('+'));
}
