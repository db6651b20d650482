using System.Globalization;
using System.Text.Json;
using WhatsAppGenesys.Contracts.Providers;
using WhatsAppGenesys.Contracts.Tenancy;
using WhatsAppGenesys.ServiceDefaults;

namespace WhatsAppGenesys.WhatsAppApi.Sending;

/// <summary>
/// The internal API the transformers call to reach WhatsApp, for the tenant in <c>X-Tenant-ID</c>. Success is Meta's
/// wamid; failure is a <see cref="ProviderError"/>, 503 when trying again later can help and 422 when it cannot.
/// </summary>
public static class MessagesApi
{
    public static IEndpointRouteBuilder MapWhatsAppMessagesApi(this IEndpointRouteBuilder app)
    {
        var whatsapp = app.MapGroup("/whatsapp").WithTags("WhatsApp messages");

        whatsapp.MapPost("/messages", async (WhatsAppSendRequest request, HttpContext http, MessageSender sender, ILogger<MessageSender> logger) =>
        {
            var tenantId = http.Request.Headers[TenancyHeaders.TenantId].ToString();
            if (string.IsNullOrEmpty(tenantId) || string.IsNullOrEmpty(request.IdempotencyKey) || request.Body.ValueKind != JsonValueKind.Object)
            {
                return Results.Problem(statusCode: 400, title: "X-Tenant-ID, an idempotencyKey and a body object are required");
            }
            using var scope = logger.BeginTenantScope(tenantId);
            var outcome = await sender.SendAsync(tenantId, request, http.RequestAborted);
            return outcome.Result is { } result ? Results.Ok(result) : Failure(http, outcome.Error!);
        }).WithSummary("Send one Graph /messages body at most once per idempotency key.");

        whatsapp.MapPost("/messages/read", async (WhatsAppMarkReadRequest request, HttpContext http, MessageSender sender) =>
        {
            var tenantId = http.Request.Headers[TenancyHeaders.TenantId].ToString();
            if (string.IsNullOrEmpty(tenantId) || string.IsNullOrEmpty(request.MessageId))
            {
                return Results.Problem(statusCode: 400, title: "X-Tenant-ID and a messageId are required");
            }
            var (result, error) = await sender.MarkReadAsync(tenantId, request, http.RequestAborted);
            return result is not null ? Results.Ok(result) : Failure(http, error!);
        }).WithSummary("Mark a customer's message read, optionally showing the typing indicator.");

        return app;
    }

    public static IResult Failure(HttpContext http, ProviderError error)
    {
        if (error.Retryable && error.RetryAfterSeconds is { } seconds)
        {
            http.Response.Headers.RetryAfter = Math.Ceiling(seconds).ToString(CultureInfo.InvariantCulture);
        }
        return Results.Json(error, statusCode: error.Retryable ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status422UnprocessableEntity);
    }
}
