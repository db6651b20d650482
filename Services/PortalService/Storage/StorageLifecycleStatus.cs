using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace WhatsAppGenesys.PortalService.Storage;

/// <summary>What the last run of the storage lifecycle found, for the health endpoint.</summary>
public sealed class StorageLifecycleStatus
{
    private volatile Snapshot _current = new(LifecyclePath.Unknown, "no run yet", null, null);

    public Snapshot Current => _current;

    public void Update(Snapshot snapshot) => _current = snapshot;

    public sealed record Snapshot(LifecyclePath Path, string Reason, DateTimeOffset? LastRunAt, SweepResult? LastSweep)
    {
        public string Describe() =>
            $"{Path.Describe()} ({Reason}); last run {LastRunAt?.ToString("O") ?? "never"}" +
            (LastSweep is { } s ? $"; deleted {s.Deleted}, kept held {s.KeptHeld}, past cold age {s.PastColdAge}" : "");
    }
}

/// <summary>
/// Reports which path enforces expiry (<c>lifecycle: s3-rules</c> or <c>lifecycle: sweeper</c>) in the description.
/// Always healthy: expiry is housekeeping, and a late run harms nothing that readiness should stop.
/// </summary>
internal sealed class StorageLifecycleHealthCheck(StorageLifecycleStatus status) : IHealthCheck
{
    public const string Name = "storage-lifecycle";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(HealthCheckResult.Healthy(status.Current.Describe()));
}
