using System.Text.Json;
using WhatsAppGenesys.Clients.Idempotency;
using WhatsAppGenesys.Clients.Signals;
using WhatsAppGenesys.Contracts.Operations;
using WhatsAppGenesys.Contracts.Providers;
using WhatsAppGenesys.Contracts.Tenancy;
using WhatsAppGenesys.ServiceDefaults;

namespace WhatsAppGenesys.GenesysApi.OpenMessaging;

/// <summary>
/// The internal API the transformers call to reach Genesys Open Messaging: inbound messages, receipts and typing
/// events, each for the tenant in <c>X-Tenant-ID</c>; and the agentless texts the agent portal sends.
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
        // A text to the customer sent by Genesys itself (agentless), so it is recorded in the customer's Genesys
        // conversation and comes back through the integration's outbound webhook like an agent's reply.
        genesys.MapPost("/messages/agentless", (GenesysAgentlessRequest request, HttpContext http, OpenMessagingDelivery delivery) =>
            delivery.DeliverAsync(http, OpenMessagingClient.Agentless, request.IdempotencyKey,
                settings => GenesysAgentlessMessage.ToOpenMessagingCustomer(settings.IntegrationId, request.ToAddress, request.Text)));
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
    public Task<IResult> DeliverAsync(HttpContext http, string endpoint, GenesysDeliveryRequest request) =>
        DeliverAsync(http, endpoint, request.IdempotencyKey, _ => request.Body);

    /// <param name="body">The body to post, made with the tenant's Genesys settings (its integration id).</param>
    public async Task<IResult> DeliverAsync(HttpContext http, string endpoint, string idempotencyKey, Func<GenesysSettings, JsonElement> body)
    {
        if (string.IsNullOrEmpty(idempotencyKey))
        {
            return Results.Problem(statusCode: 400, title: "An idempotencyKey is required");
        }
        var (tenantId, settings, refusal) = await gate.ResolveAsync(http);
        if (refusal is not null)
        {
            return refusal;
        }
        using var scope = logger.BeginTenantScope(tenantId);

        var (outcome, replayed) = await sendOnce.RunAsync($"{tenantId}:{endpoint}:{idempotencyKey}", async () =>
        {
            if (await gate.TakeBudgetAsync(tenantId) is { } overBudget)
            {
                return GenesysCallResult.Failed(overBudget);
            }
            // Not the request's token: if the caller dies mid-call, the send still completes and is remembered.
            var sent = await genesys.PostAsync(tenantId, settings!, endpoint, body(settings!), lifetime.ApplicationStopping);
            // Our own budget refusals above are not Genesys's errors; what Genesys (or the way there) answered is.
            signals.SendCompleted(ProviderKeys.Genesys, tenantId, sent.Result is not null);
            return sent;
        });

        if (outcome.Result is { } result)
        {
            if (replayed)
            {
                logger.LogInformation("Returned the recorded result for {Key}: it was already delivered", idempotencyKey);
            }
            return Results.Ok(result);
        }
        return GenesysHttp.ToResult(outcome.Error!);
    }
}
