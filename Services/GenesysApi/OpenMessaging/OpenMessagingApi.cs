using WhatsAppGenesys.Clients.Signals;
using WhatsAppGenesys.Contracts.Operations;
using WhatsAppGenesys.Clients.Idempotency;
using WhatsAppGenesys.Contracts.Providers;
using WhatsAppGenesys.ServiceDefaults;

namespace WhatsAppGenesys.GenesysApi.OpenMessaging;

/// <summary>
/// The internal API the transformers call to reach Genesys Open Messaging:
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
    GenesysTenantGate gate,
    OpenMessagingClient genesys,
    SendOnce<GenesysCallResult> sendOnce,
    OperationalSignalCounters signals,
    IHostApplicationLifetime lifetime,
    ILogger<OpenMessagingDelivery> logger)
{
    public async Task<IResult> DeliverAsync(HttpContext http, string endpoint, GenesysDeliveryRequest request)
    {
        if (string.IsNullOrEmpty(request.IdempotencyKey))
        {
            return Results.Problem(statusCode: 400, title: "An idempotencyKey is required");
        }
        var (tenantId, settings, refusal) = await gate.ResolveAsync(http);
        if (refusal is not null)
        {
            return refusal;
        }
        using var scope = logger.BeginTenantScope(tenantId);

        var (outcome, replayed) = await sendOnce.RunAsync($"{tenantId}:{endpoint}:{request.IdempotencyKey}", async () =>
        {
            if (await gate.TakeBudgetAsync(tenantId) is { } overBudget)
            {
                return GenesysCallResult.Failed(overBudget);
            }
            // Not the request's token: if the caller dies mid-call, the send still completes and is remembered.
            var sent = await genesys.PostAsync(tenantId, settings!, endpoint, request.Body, lifetime.ApplicationStopping);
            // Our own budget refusals above are not Genesys's errors; what Genesys (or the way there) answered is.
            signals.SendCompleted(ProviderKeys.Genesys, tenantId, sent.Result is not null);
            return sent;
        });

        if (outcome.Result is { } result)
        {
            if (replayed)
            {
                logger.LogInformation("Returned the recorded result for {Key}: it was already delivered", request.IdempotencyKey);
            }
            return Results.Ok(result);
        }
        return GenesysHttp.ToResult(outcome.Error!);
    }
}
