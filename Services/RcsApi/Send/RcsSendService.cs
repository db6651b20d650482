using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using WhatsAppGenesys.Clients.Signals;
using WhatsAppGenesys.Clients.Tenancy;
using WhatsAppGenesys.Clients.Tokens;
using WhatsAppGenesys.Contracts.Operations;
using WhatsAppGenesys.Contracts.Providers;
using WhatsAppGenesys.Contracts.Tenancy;
using WhatsAppGenesys.RcsApi.Data;
using WhatsAppGenesys.RcsApi.Provider;
using WhatsAppGenesys.RcsApi.Webhooks;

namespace WhatsAppGenesys.RcsApi.Send;

/// <summary>
/// The RCS send API: sends a validated message as the tenant's RBM agent, keeps the request body in Redis under
/// the message id, the provider's answer in <c>rcs_responses</c> and a file's URL in <c>media_responses</c>.
/// A retried request with the same idempotency key gets the first one's answer and is not sent again
/// (<see cref="RcsIdempotency"/>); one made while the first is still being sent gets 409.
/// </summary>
public sealed class RcsSendService(
    RbmClient provider,
    RcsIdempotency idempotency,
    ITenantDirectory tenants,
    RcsDbContext db,
    IConnectionMultiplexer redis,
    IOptions<RcsApiOptions> options,
    OperationalSignalCounters signals,
    RcsSendReceipts receipts,
    TimeProvider clock,
    ILogger<RcsSendService> logger)
{
    public static string RequestKey(string messageId) => $"rcs:message:{messageId}:request";

    public async Task<(SendRcsMessageResponse? Response, RbmFailure? Failure)> SendAsync(
        string tenantId, SendRcsMessageRequest request, RcsOutgoingMessage message, CancellationToken ct)
    {
        if (request.IdempotencyKey is { } key &&
            await db.Responses.AsNoTracking().FirstOrDefaultAsync(r => r.TenantId == tenantId && r.IdempotencyKey == key && r.Status != RcsMessageStatuses.Failed, ct) is { } first)
        {
            return (new SendRcsMessageResponse(first.MessageId, RcsMessageStatuses.Accepted, first.CreatedAt), null);
        }
        var (agentId, notConfigured) = await AgentAsync(tenantId, ct);
        if (agentId is null)
        {
            return (null, notConfigured);
        }

        var messageId = Guid.NewGuid().ToString();
        if (request.IdempotencyKey is { } claimed && await idempotency.ClaimAsync(tenantId, claimed, messageId) is { } holder)
        {
            var earlier = await db.Responses.AsNoTracking().FirstOrDefaultAsync(r => r.TenantId == tenantId && r.MessageId == holder, ct);
            if (earlier is null)
            {
                return (null, RbmFailure.InProgress(holder));
            }
            // Accepted, and perhaps delivered or read since: the message went out.
            if (earlier.Status != RcsMessageStatuses.Failed)
            {
                return (new SendRcsMessageResponse(earlier.MessageId, RcsMessageStatuses.Accepted, earlier.CreatedAt), null);
            }
            await idempotency.TakeOverAsync(tenantId, claimed, messageId);
        }
        await KeepRequestAsync(messageId, request);
        var (answer, failure) = await CallAsync(() => provider.SendAsync(tenantId, agentId, message.To, messageId, message.ContentMessage, ct), message.To);
        // Counted for the send-error-rate alert, like every send to Meta and Genesys.
        signals.SendCompleted(ProviderKeys.Rcs, tenantId, failure is null);
        await PersistAsync(tenantId, agentId, messageId, request.IdempotencyKey, message, answer, failure, ct);
        if (failure is not null)
        {
            if (request.IdempotencyKey is { } released)
            {
                await idempotency.ReleaseAsync(tenantId, released, messageId);
            }
            return (null, failure);
        }
        return (new SendRcsMessageResponse(messageId, RcsMessageStatuses.Accepted, SendTime(answer!.Body)), null);
    }

    /// <summary>An agent event (typing, read) as the tenant's agent; nothing is stored, the event is momentary.</summary>
    public async Task<RbmFailure?> SendEventAsync(string tenantId, string to, string eventType, string? messageId, CancellationToken ct)
    {
        var (agentId, notConfigured) = await AgentAsync(tenantId, ct);
        if (agentId is null)
        {
            return notConfigured;
        }
        var (_, failure) = await CallAsync(() => provider.SendEventAsync(tenantId, agentId, to, Guid.NewGuid().ToString(), eventType, messageId, ct), to);
        return failure;
    }

    public async Task<(RcsCapabilitiesResponse? Response, RbmFailure? Failure)> CapabilitiesAsync(string tenantId, string msisdn, CancellationToken ct)
    {
        var (agentId, notConfigured) = await AgentAsync(tenantId, ct);
        if (agentId is null)
        {
            return (null, notConfigured);
        }
        var (answer, failure) = await CallAsync(() => provider.GetCapabilitiesAsync(tenantId, agentId, msisdn, ct), msisdn);
        if (failure is not null)
        {
            return (null, failure);
        }
        return (new RcsCapabilitiesResponse(msisdn, true, Features(answer!.Body)), null);
    }

    public async Task<RcsMessageStatusResponse?> FindStatusAsync(string tenantId, string messageId, CancellationToken ct)
    {
        var row = await db.Responses.AsNoTracking().FirstOrDefaultAsync(r => r.TenantId == tenantId && r.MessageId == messageId, ct);
        return row is null ? null : new RcsMessageStatusResponse(row.MessageId, row.Status, row.ErrorMessage, row.Recipient, row.UpdatedAt ?? row.CreatedAt);
    }

    private async Task<(string? AgentId, RbmFailure? Failure)> AgentAsync(string tenantId, CancellationToken ct)
    {
        var tenant = await tenants.FindByIdAsync(tenantId, ct);
        if (tenant is not { IsActive: true })
        {
            return (null, RbmFailure.NoToken(403, $"Tenant '{tenantId}' is unknown or deactivated."));
        }
        return tenant.Rcs is { } rcs
            ? (rcs.AgentId, null)
            : (null, RbmFailure.NoToken(409, $"Tenant '{tenantId}' has no RCS configuration."));
    }

    private static async Task<(RbmAnswer? Answer, RbmFailure? Failure)> CallAsync(Func<Task<RbmAnswer>> call, string msisdn)
    {
        try
        {
            var answer = await call();
            return answer.IsSuccess ? (answer, null) : (answer, RbmFailure.From(answer.Status, answer.Body, answer.RetryAfter, msisdn));
        }
        catch (AccessTokenUnavailableException ex)
        {
            return (null, RbmFailure.NoToken(ex.StatusCode, ex.Message));
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or Polly.Timeout.TimeoutRejectedException)
        {
            return (null, RbmFailure.Unreachable(ex is HttpRequestException ? "connection failed" : "timed out"));
        }
    }

    private async Task PersistAsync(string tenantId, string agentId, string messageId, string? idempotencyKey,
        RcsOutgoingMessage message, RbmAnswer? answer, RbmFailure? failure, CancellationToken ct)
    {
        var status = failure is null ? RcsMessageStatuses.Accepted : RcsMessageStatuses.Failed;
        var now = clock.GetUtcNow();
        db.Responses.Add(new RcsResponseRow
        {
            TenantId = tenantId,
            MessageId = messageId,
            IdempotencyKey = idempotencyKey,
            AgentId = agentId,
            Recipient = message.To,
            MessageType = message.Type,
            Status = status,
            HttpStatus = answer?.Status ?? 0,
            ErrorCode = failure?.Error.Code,
            ErrorMessage = failure?.Error.Message is { Length: > 1024 } text ? text[..1024] : failure?.Error.Message,
            Response = answer is not null && IsJson(answer.Body) ? answer.Body : null,
            CreatedAt = now,
        });
        if (message.File is { } file)
        {
            db.Media.Add(new MediaResponseRow
            {
                TenantId = tenantId,
                MessageId = messageId,
                FileUrl = file.Url!,
                ThumbnailUrl = file.ThumbnailUrl,
                Status = status,
                CreatedAt = now,
            });
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex)
        {
            // The message went out (or was refused) either way; losing its record must not turn into an error for the caller.
            logger.LogError("Could not persist the RCS response for {MessageId}: {Reason}", messageId, ex.InnerException?.Message ?? ex.Message);
            return;
        }
        if (failure is null)
        {
            await receipts.ApplyEarlyAsync(db, tenantId, messageId, ct);
        }
    }

    private async Task KeepRequestAsync(string messageId, SendRcsMessageRequest request)
    {
        try
        {
            await redis.GetDatabase().StringSetAsync(RequestKey(messageId),
                JsonSerializer.Serialize(request, JsonSerializerOptions.Web), options.Value.RequestRecordLifetime);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogWarning("Could not keep the request of RCS message {MessageId} in Redis: {Reason}", messageId, ex.Message);
        }
    }

    private static DateTimeOffset? SendTime(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.TryGetProperty("sendTime", out var time) && time.TryGetDateTimeOffset(out var at) ? at : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string[] Features(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.TryGetProperty("features", out var features) && features.ValueKind == JsonValueKind.Array
                ? [.. features.EnumerateArray().Where(f => f.ValueKind == JsonValueKind.String).Select(f => f.GetString()!)]
                : [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static bool IsJson(string body)
    {
        try
        {
            using var _ = JsonDocument.Parse(body);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
