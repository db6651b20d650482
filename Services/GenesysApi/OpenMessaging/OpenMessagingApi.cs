using Microsoft.Extensions.Options;
using WhatsAppGenesys.Clients.Idempotency;
using WhatsAppGenesys.Clients.RateLimiting;
using WhatsAppGenesys.Clients.Tenancy;
using WhatsAppGenesys.Contracts.Providers;
using WhatsAppGenesys.ServiceDefaults;

namespace WhatsAppGenesys.GenesysApi.OpenMessaging;

/// <summary>
/// The internal API the transformers call to reach Genesys (seed 001 step 8, seed 003 conversation controls):
/// inbound messages, receipts and typing events, each for the tenant in <c>X-Tenant-ID</c>.
/// </summary>
public static class OpenMessagingApi
{
    public static IEndpointRouteBuilder MapOpenMessagingApi(this IEndpointRouteBuilder app)
    {
        var genesys = app.MapGroup("/genesys").WithTags("Genesys Open Messaging");
        genesys.MapPost("/messages/inbound", (GenesysDeliveryRequest request, HttpContext http, OpenMessagingDelivery delivery) =>
            delivery.DeliverAsync(http, "message", request));
        genesys.MapPost("/receipts", (GenesysDeliveryRequest request, HttpContext http, OpenMessagingDelivery delivery) =>
            delivery.DeliverAsync(http, "receipt", request));
        genesys.MapPost("/events", (GenesysDeliveryRequest request, HttpContext http, OpenMessagingDelivery delivery) =>
            delivery.DeliverAsync(http, "event", request));
        return app;
    }
}

/// <summary>Resolves the tenant, applies its rate limit and sends at most once per idempotency key.</summary>
public sealed class OpenMessagingDelivery(
    ITenantDirectory tenants,
    OpenMessagingClient genesys,
    TenantRateLimiter rateLimiter,
    SendOnce<GenesysCallResult> sendOnce,
    IOptions<GenesysOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<OpenMessagingDelivery> logger)
{
    public async Task<IResult> DeliverAsync(HttpContext http, string endpoint, GenesysDeliveryRequest request)
    {
        var tenantId = http.Request.Headers["X-Tenant-ID"].ToString();
        if (string.IsNullOrEmpty(tenantId) || string.IsNullOrEmpty(request.IdempotencyKey))
        {
            return Results.Problem(statusCode: 400, title: "X-Tenant-ID and an idempotencyKey are required");
        }
        using var scope = logger.BeginTenantScope(tenantId);
        var tenant = await tenants.FindByIdAsync(tenantId, http.RequestAborted);
        if (tenant is not { IsActive: true, Genesys: { } settings })
        {
            return Results.Problem(statusCode: 403, title: "Unknown or inactive tenant, or no Genesys configuration");
        }

        var (outcome, replayed) = await sendOnce.RunAsync($"{tenantId}:{endpoint}:{request.IdempotencyKey}", async () =>
        {
            if (await rateLimiter.TryAcquireAsync("genesys", tenantId, options.Value.RequestsPerMinutePerTenant, TimeSpan.FromMinutes(1)) is { } wait)
            {
                return GenesysCallResult.Failed(new ProviderError(ProviderNames.Genesys, 429, "rate.limited.locally",
                    "Tenant is at its Genesys request budget for this minute", Retryable: true, RetryAfterSeconds: wait.TotalSeconds));
            }
            // Not the request's token: if the caller dies mid-call, the send still completes and is remembered.
            return await genesys.PostAsync(tenantId, settings, endpoint, request.Body, lifetime.ApplicationStopping);
        });

        if (outcome.Result is { } result)
        {
            if (replayed)
            {
                logger.LogInformation("Returned the recorded result for {Key}: it was already delivered", request.IdempotencyKey);
            }
            return Results.Ok(result);
        }
        return Results.Json(outcome.Error, statusCode: outcome.Error!.Retryable ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status422UnprocessableEntity);
    }
}
