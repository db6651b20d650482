namespace WhatsAppGenesys.Contracts.Operations;

/// <summary>
/// What replaying a tenant's archived webhooks of a time range did (<c>POST /admin/webhooks/{source}/tenants/{tenantId}/replay</c>):
/// how many archived webhooks the range holds in this page, how many were queued again, and which were not and why.
/// When <see cref="More"/> is set the page was full: call again with <c>from</c> = <see cref="ContinueFrom"/>.
/// </summary>
public sealed record ArchiveReplaySummary(
    string Source,
    string TenantId,
    DateTimeOffset From,
    DateTimeOffset To,
    int Found,
    int Replayed,
    IReadOnlyList<ArchiveReplayFailure> Failed,
    bool More,
    DateTimeOffset? ContinueFrom);

/// <summary>An archived webhook that was not queued again: its key and the status and reason the receiver gave.</summary>
public sealed record ArchiveReplayFailure(string Key, int Status, string Reason);
