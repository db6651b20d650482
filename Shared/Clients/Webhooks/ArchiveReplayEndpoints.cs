using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using WhatsAppGenesys.Clients.Archiving;
using WhatsAppGenesys.Contracts.Operations;
using WhatsAppGenesys.Contracts.Tenancy;

namespace WhatsAppGenesys.Clients.Webhooks;

/// <summary>
/// The operator routes that queue archived webhooks again (the gateway admits only the operator key), the same for
/// every webhook service: <c>POST /admin/webhooks/{source}/replay?key=</c> for one archived webhook, and
/// <c>POST /admin/webhooks/{source}/tenants/{tenantId}/replay?from=&amp;to=[&amp;limit=]</c> for those of one tenant
/// received in a time range (at most <c>limit</c>, by default and at most <see cref="PageSize"/>, per call; oldest
/// first, one after another, so each customer's webhooks queue in the order they first came). Replaying is safe: the ledgers drop events that were already delivered.
/// </summary>
public static class ArchiveReplayEndpoints
{
    public const int PageSize = 1000;

    // Archived webhooks read ahead of the one being queued again.
    private const int ReadAhead = 8;

    /// <param name="owns">Which keys of the bucket are this receiver's, when it shares the bucket (<see cref="SharedBucketKeys"/>).</param>
    public static void MapArchiveReplay<TReceiver>(this IEndpointRouteBuilder app, string source, string bucket, Func<string, bool>? owns = null)
        where TReceiver : IArchivedWebhookReceiver
    {
        app.MapPost($"/admin/webhooks/{source}/replay", async (string key, HttpContext http, TReceiver receiver, WebhookArchive archive) =>
                await archive.LoadAsync(bucket, key, http.RequestAborted) is { } stored
                    ? await receiver.AcceptArchivedAsync(http, key, stored)
                    : Results.Problem(statusCode: 404, title: $"No archived webhook '{key}'"))
            .WithTags("Admin");
        app.MapPost($"/admin/webhooks/{source}/tenants/{{tenantId}}/replay",
                (string tenantId, string? from, string? to, string? limit, HttpContext http, TReceiver receiver, WebhookArchive archive, ILoggerFactory loggers) =>
                    ReplayRangeAsync(source, bucket, owns, tenantId, from, to, limit, http, receiver, archive, loggers.CreateLogger(typeof(ArchiveReplayEndpoints))))
            .WithTags("Admin");
    }

    private static async Task<IResult> ReplayRangeAsync(string source, string bucket, Func<string, bool>? owns, string tenantId, string? from, string? to, string? limit,
        HttpContext http, IArchivedWebhookReceiver receiver, WebhookArchive archive, ILogger logger)
    {
        if (!TenantIds.IsValid(tenantId))
        {
            return Results.Problem(statusCode: 400, title: "Not a tenant id");
        }
        if (ArchiveRange.TryParse(from, to, out var problem) is not { } range)
        {
            return Results.Problem(statusCode: 400, title: problem);
        }
        var pageSize = PageSize;
        if (limit is not null && (!int.TryParse(limit, System.Globalization.CultureInfo.InvariantCulture, out pageSize) || pageSize is < 1 or > PageSize))
        {
            return Results.Problem(statusCode: 400, title: $"'limit' must be a whole number from 1 to {PageSize}");
        }

        ArchiveListing listing;
        try
        {
            listing = await archive.ListAsync(bucket, tenantId, range, pageSize, http.RequestAborted, owns);
        }
        catch (Exception ex) when (!http.RequestAborted.IsCancellationRequested)
        {
            logger.LogWarning("Listing the {Source} archive of {TenantId} failed: {Reason}", source, tenantId, ex.Message);
            return Results.Problem(statusCode: 503, title: "The webhook archive could not be listed; try again");
        }

        // Reading an object is a few round trips to S3, and queueing it is cheap: the next few are read while one is
        // queued, and they are still queued one after another in key order.
        var failed = new List<ArchiveReplayFailure>();
        var reads = new Queue<(string Key, Task<ArchivedWebhook?> Read)>();
        var next = 0;
        while (next < listing.Keys.Count || reads.Count > 0)
        {
            while (reads.Count < ReadAhead && next < listing.Keys.Count)
            {
                var key = listing.Keys[next++];
                reads.Enqueue((key, archive.LoadAsync(bucket, key, http.RequestAborted)));
            }
            var (current, read) = reads.Dequeue();
            if (await ReplayOneAsync(current, read, http, receiver) is { } failure)
            {
                failed.Add(failure);
            }
        }
        var summary = new ArchiveReplaySummary(source, tenantId, range.From, range.To, listing.Keys.Count, listing.Keys.Count - failed.Count,
            failed, listing.More, listing.ContinueFrom);
        logger.LogInformation("Replayed {Source} webhooks of {TenantId} from {From:O} to {To:O}: {Found} found, {Replayed} queued again, {Failed} not",
            source, tenantId, range.From, range.To, summary.Found, summary.Replayed, failed.Count);
        return Results.Ok(summary);
    }

    /// <summary>Null when the webhook was queued again, otherwise why not.</summary>
    private static async Task<ArchiveReplayFailure?> ReplayOneAsync(string key, Task<ArchivedWebhook?> read, HttpContext http, IArchivedWebhookReceiver receiver)
    {
        IResult result;
        try
        {
            if (await read is not { } stored)
            {
                return new ArchiveReplayFailure(key, 404, "No longer in the archive");
            }
            result = await receiver.AcceptArchivedAsync(http, key, stored);
        }
        catch (Exception ex) when (!http.RequestAborted.IsCancellationRequested)
        {
            return new ArchiveReplayFailure(key, 503, $"Could not be read from the archive: {ex.Message}");
        }
        // The receivers answer Results.Ok() or Results.Problem(status, title): results not yet written to any response.
        return result switch
        {
            IStatusCodeHttpResult { StatusCode: null or 200 } => null,
            ProblemHttpResult problem => new ArchiveReplayFailure(key, problem.StatusCode, problem.ProblemDetails.Title ?? "Refused"),
            IStatusCodeHttpResult other => new ArchiveReplayFailure(key, other.StatusCode!.Value, "Refused"),
            _ => new ArchiveReplayFailure(key, 500, "Unexpected answer from the receiver"),
        };
    }
}
