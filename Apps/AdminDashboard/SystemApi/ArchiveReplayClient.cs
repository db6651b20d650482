using System.Globalization;
using WhatsAppGenesys.Contracts.Operations;

namespace WhatsAppGenesys.AdminDashboard.SystemApi;

/// <summary>
/// Replays a tenant's archived webhooks of a time range as the operator
/// (<c>POST /admin/webhooks/{source}/tenants/{tenantId}/replay</c>). The webhook service replays at most a page per
/// call; the console asks for small pages, so each call stays well within the HTTP client's timeout, and follows
/// them up to <see cref="MaxPerSubmit"/> webhooks, after which the operator continues from where it stopped.
/// </summary>
public sealed class ArchiveReplayClient(GatewayClient gateway)
{
    // 25, not 100: on a loaded machine an archived webhook took up to a second and a half to read back, and a page of
    // 100 outlasted the client's 10 s attempt timeout ("The system is not answering"), though it was still replaying.
    public const int PageSize = 25;
    public const int MaxPerSubmit = 1000;

    public async Task<ArchiveReplayOutcome> ReplayAsync(string source, string tenantId, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        if (!ProviderKeys.IsKnown(source))
        {
            throw new ArgumentException($"Unknown webhook source '{source}'.", nameof(source));
        }
        var (found, replayed, failed) = (0, 0, new List<ArchiveReplayFailure>());
        DateTimeOffset? next = from;
        while (next is { } start && found < MaxPerSubmit)
        {
            var page = await gateway.PostAsync<ArchiveReplaySummary>(
                $"/admin/webhooks/{source}/tenants/{Uri.EscapeDataString(tenantId)}/replay?from={Instant(start)}&to={Instant(to)}&limit={PageSize}", null, ct);
            (found, replayed, next) = (found + page.Found, replayed + page.Replayed, page.ContinueFrom);
            failed.AddRange(page.Failed);
        }
        return new ArchiveReplayOutcome(found, replayed, failed, next);
    }

    private static string Instant(DateTimeOffset at) => Uri.EscapeDataString(at.ToString("O", CultureInfo.InvariantCulture));
}

/// <summary>What one replay from the console did; <see cref="ContinueFrom"/> is set when webhooks of the range remain.</summary>
public sealed record ArchiveReplayOutcome(int Found, int Replayed, IReadOnlyList<ArchiveReplayFailure> Failed, DateTimeOffset? ContinueFrom);
