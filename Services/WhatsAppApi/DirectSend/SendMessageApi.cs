using WhatsAppGenesys.Contracts.Tenancy;
using WhatsAppGenesys.ServiceDefaults;
using WhatsAppGenesys.WhatsAppApi.Sending;

namespace WhatsAppGenesys.WhatsAppApi.DirectSend;

/// <summary>
/// The public send API and message status, reached through the API gateway, which authenticates the API key and sets
/// <c>X-Tenant-ID</c>: the caller can only ever send from, and read the messages of, its own tenant.
/// </summary>
public static class SendMessageApi
{
    public static IEndpointRouteBuilder MapDirectSendApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Send API");

        api.MapPost("/whatsapp/sendmessage", async (SendMessageRequest request, HttpContext http, DirectSendService service, ILogger<DirectSendService> logger) =>
        {
            if (TenantOf(http) is not { } tenantId)
            {
                return Results.Problem(statusCode: 400, title: $"{TenancyHeaders.TenantId} is required");
            }
            var (body, errors) = SendMessageBuilder.Build(request);
            if (body is null)
            {
                return Results.ValidationProblem(errors!);
            }
            using var scope = logger.BeginTenantScope(tenantId);
            var (response, error) = await service.SendAsync(tenantId, request, body, http.RequestAborted);
            return response is not null ? Results.Ok(response) : MessagesApi.Failure(http, error!);
        })
        .WithSummary("Send a text, template or media message to a customer; returns Meta's message id.")
        .Produces<SendMessageResponse>()
        .ProducesValidationProblem()
        .Produces<Contracts.Providers.ProviderError>(StatusCodes.Status422UnprocessableEntity)
        .Produces<Contracts.Providers.ProviderError>(StatusCodes.Status503ServiceUnavailable);

        api.MapGet("/messages/{id}", async (string id, HttpContext http, DirectSendService service) =>
        {
            if (TenantOf(http) is not { } tenantId)
            {
                return Results.Problem(statusCode: 400, title: $"{TenancyHeaders.TenantId} is required");
            }
            return await service.FindStatusAsync(tenantId, id, http.RequestAborted) is { } status ? Results.Ok(status) : Results.NotFound();
        })
        .WithSummary("The delivery status of a message, by its WhatsApp message id.")
        .Produces<MessageStatusResponse>()
        .Produces(StatusCodes.Status404NotFound);

        return app;
    }

    private static string? TenantOf(HttpContext http) =>
        http.Request.Headers[TenancyHeaders.TenantId].ToString() is { Length: > 0 and <= 64 } tenantId ? tenantId : null;
}
