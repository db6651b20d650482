using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using WhatsAppGenesys.ApiGateway.Auth;
using WhatsAppGenesys.Contracts.Tenancy;

namespace WhatsAppGenesys.ApiGateway.RateLimiting;

/// <summary>
/// Two ASP.NET Core rate limiters in two places of the pipeline. Per client IP runs before authentication, so a
/// flood of made-up keys is stopped before it turns into key lookups; per tenant runs after it, because only then is
/// the tenant known. Both answer 429 with <c>Retry-After</c> (seconds until the window resets).
/// </summary>
public static class GatewayRateLimiting
{
    private const string WebhookPathPrefix = "/webhook";

    public static IServiceCollection AddGatewayRateLimiting(this IServiceCollection services) =>
        // Registers the limiter's services (metrics); the two option sets are passed to UseRateLimiter directly.
        services.AddRateLimiter(_ => { });

    public static IApplicationBuilder UseClientIpRateLimiting(this IApplicationBuilder app)
    {
        var limits = app.ApplicationServices.GetRequiredService<IOptions<GatewayOptions>>().Value.RateLimiting;
        var operatorKey = app.ApplicationServices.GetRequiredService<OperatorKey>();
        return app.UseRateLimiter(Options("client IP", context =>
        {
            var ip = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
            if (context.Request.Path.StartsWithSegments(WebhookPathPrefix))
            {
                return FixedWindow($"webhook:{ip}", limits.PerWebhookSourceIp);
            }
            // The operator console calls from one server address for every operator, and one page can fan out to
            // many reads: it has a bucket of its own rather than sharing its address's with whoever else is there.
            // Recognising the key is a constant-time comparison with configuration, not a lookup, so made-up keys
            // still land in the per-IP bucket without costing anything more.
            return context.Request.Headers[TenancyHeaders.ApiKey] is [{ Length: > 0 } presented] && operatorKey.Matches(presented)
                ? FixedWindow("operator", limits.PerOperator)
                : FixedWindow($"client:{ip}", limits.PerClientIp);
        }));
    }

    public static IApplicationBuilder UseTenantRateLimiting(this IApplicationBuilder app)
    {
        var limits = app.ApplicationServices.GetRequiredService<IOptions<GatewayOptions>>().Value.RateLimiting;
        return app.UseRateLimiter(Options("tenant", context =>
            context.User.TenantId() is { } tenantId
                ? FixedWindow($"tenant:{tenantId}", limits.PerTenant)
                // Anonymous callers and the operator are covered by the per-IP limit alone.
                : RateLimitPartition.GetNoLimiter("none")));
    }

    private static RateLimiterOptions Options(string scope, Func<HttpContext, RateLimitPartition<string>> partition) => new()
    {
        GlobalLimiter = PartitionedRateLimiter.Create(partition),
        RejectionStatusCode = StatusCodes.Status429TooManyRequests,
        OnRejected = async (context, cancellationToken) =>
        {
            var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
            var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
            context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            await Results.Problem(
                statusCode: StatusCodes.Status429TooManyRequests,
                title: "Too Many Requests",
                detail: $"Rate limit per {scope} exceeded; retry after {seconds} s.").ExecuteAsync(context.HttpContext);
        },
    };

    private static RateLimitPartition<string> FixedWindow(string key, WindowLimit limit) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limit.PermitLimit,
            Window = limit.Window,
            QueueLimit = 0,
        });
}
