using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using StackExchange.Redis;
using WhatsAppGenesys.Contracts.Tenancy;

namespace WhatsAppGenesys.Clients.Webhooks;

/// <summary>
/// The time each tenant's webhooks last got through, kept in Redis (<c>webhook:last:{source}:{tenantId}</c>, 30 days)
/// so an operator sees at a glance a tenant whose provider stopped calling. Written without waiting for Redis and
/// never failing a webhook: it is a signal for people, not part of the message path.
/// </summary>
public sealed class WebhookActivity(IConnectionMultiplexer redis, TimeProvider clock)
{
    private static readonly TimeSpan Retention = TimeSpan.FromDays(30);

    public void Accepted(string source, string tenantId)
    {
        try
        {
            redis.GetDatabase().StringSet(Key(source, tenantId), clock.GetUtcNow().ToUnixTimeMilliseconds(), Retention,
                flags: CommandFlags.FireAndForget);
        }
        catch (RedisException)
        {
            // Redis is down: the webhook itself goes on (docs/architecture.md, "Redis outage").
        }
    }

    public async Task<DateTimeOffset?> LastAcceptedAsync(string source, string tenantId)
    {
        var value = await redis.GetDatabase().StringGetAsync(Key(source, tenantId));
        // A missing key is a null value, which would parse as 0 (1970): check for it first.
        return !value.IsNull && value.TryParse(out long milliseconds) ? DateTimeOffset.FromUnixTimeMilliseconds(milliseconds) : null;
    }

    private static string Key(string source, string tenantId) => $"webhook:last:{source}:{tenantId}";
}

public static class WebhookActivityEndpoints
{
    /// <summary><c>GET /admin/webhooks/{source}/tenants/{tenantId}/last-received</c>: for the gateway's operator route.</summary>
    public static RouteHandlerBuilder MapWebhookActivity(this IEndpointRouteBuilder app, string source) =>
        app.MapGet($"/admin/webhooks/{source}/tenants/{{tenantId}}/last-received", async (string tenantId, WebhookActivity activity) =>
                TenantIds.IsValid(tenantId)
                    ? Results.Ok(new WebhookActivityResponse(source, tenantId, await activity.LastAcceptedAsync(source, tenantId)))
                    : Results.NotFound())
            .WithTags("Admin");
}
