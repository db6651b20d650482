using WhatsAppGenesys.GenesysSandbox.Model;

namespace WhatsAppGenesys.GenesysSandbox.OpenMessaging;

/// <summary>
/// The four inbound Open Messaging endpoints under /api/v2/conversations/messages/{integrationId}/inbound/open.
/// The deprecated single endpoint /api/v2/conversations/messages/inbound/open is deliberately not served.
/// </summary>
public static class OpenMessagingEndpoints
{
    public static IEndpointRouteBuilder MapOpenMessagingEndpoints(this IEndpointRouteBuilder app)
    {
        var inbound = app.MapGroup("/api/v2/conversations/messages/{integrationId}/inbound/open")
            .RequireIntegrationAccess()
            .ExcludeFromDescription();

        inbound.MapPost("/message", PostMessage);
        inbound.MapPost("/receipt", PostReceipt);
        inbound.MapPost("/event", PostEvent);
        inbound.MapPost("/structured/response", PostStructuredResponse);
        return app;
    }

    private static async Task<IResult> PostMessage(HttpContext context, InboundService inbound)
    {
        var (request, error) = await Http.JsonBody.ReadAsync<InboundMessageRequest>(context);
        if (error is not null)
        {
            return error;
        }

        var prefetch = bool.TryParse(context.Request.Query["prefetchConversationId"], out var value) && value;
        return await inbound.MessageAsync(context, GenesysApiAuth.Integration(context), request!, prefetch);
    }

    private static async Task<IResult> PostReceipt(HttpContext context, InboundService inbound)
    {
        var (request, error) = await Http.JsonBody.ReadAsync<InboundReceiptRequest>(context);
        return error ?? inbound.Receipt(context, GenesysApiAuth.Integration(context), request!);
    }

    private static async Task<IResult> PostEvent(HttpContext context, InboundService inbound)
    {
        var (request, error) = await Http.JsonBody.ReadAsync<InboundEventRequest>(context);
        return error ?? inbound.Event(context, GenesysApiAuth.Integration(context), request!);
    }

    private static async Task<IResult> PostStructuredResponse(HttpContext context, InboundService inbound)
    {
        var (request, error) = await Http.JsonBody.ReadAsync<InboundStructuredResponseRequest>(context);
        return error ?? inbound.StructuredResponse(context, GenesysApiAuth.Integration(context), request!);
    }
}
