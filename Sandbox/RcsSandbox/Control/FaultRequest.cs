using WhatsAppGenesys.SandboxKit.Faults;

namespace WhatsAppGenesys.RcsSandbox.Control;

/// <summary>
/// A fault rule (POST /sandbox/faults), e.g. <c>{"path":"/v1/phones/*/agentMessages","status":503,"count":2}</c>.
/// <c>path</c> is a glob (* matches anything, slashes included); without one the rule covers the whole provider surface
/// (/v1/..., /oauth2/..., /files/...). <c>count</c> limits it to the next N matching requests, <c>durationSeconds</c>
/// to a time window; with neither it lasts until cleared. <c>status</c> 0 or absent only adds <c>latencyMs</c>.
/// <c>message</c> and <c>grpcStatus</c> override Google's defaults for the status. <c>answerLatencyMs</c> lets the
/// request be handled at once and holds back only its answer, as a slow way back does: the provider has acted (and the
/// phone may report DELIVERED) before the caller hears that it did.
/// </summary>
public sealed record FaultRequest(string? Path, string? Method, int? Status, int? Count, int? DurationSeconds, int? LatencyMs,
    int? RetryAfterSeconds, string? Message, string? GrpcStatus, int? AnswerLatencyMs = null) : IFaultRequest
{
    /// <summary>What a rule without a path covers: the provider's surface, never the control API.</summary>
    public static bool IsProviderSurface(string path) =>
        path.StartsWith("/v1/", StringComparison.OrdinalIgnoreCase) ||
        path.StartsWith("/oauth2/", StringComparison.OrdinalIgnoreCase) ||
        path.StartsWith("/files/", StringComparison.OrdinalIgnoreCase);
}
