using System.Globalization;
using WhatsAppGenesys.Contracts.Genesys;
using WhatsAppGenesys.Contracts.Providers;
using WhatsAppGenesys.Contracts.Tenancy;
using WhatsAppGenesys.RcsApi.Provider;
using WhatsAppGenesys.ServiceDefaults;

namespace WhatsAppGenesys.RcsApi.Send;

/// <summary>
/// The internal route the outbound transformer sends agents' replies through, for the tenant in <c>X-Tenant-ID</c>
/// (service to service; the gateway routes only <c>/api/v1/conv/RCS/…</c>). The same body, checks, idempotency and
/// records as the public send API; only the failures differ: always a <see cref="ProviderError"/>, 503 when trying
/// again later can help and 422 when it cannot (as whatsapp-api's <c>/whatsapp/messages</c> answers), with the
/// Genesys receipt reason the agent should see.
/// </summary>
public static class RcsMessagesApi
{
    public static IEndpointRouteBuilder MapRcsMessagesApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/rcs/messages", async (SendRcsMessageRequest request, HttpContext http, RcsSendService service, ILogger<RcsSendService> logger) =>
        {
            var tenantId = http.Request.Headers[TenancyHeaders.TenantId].ToString();
            if (tenantId is not { Length: > 0 and <= 64 } || string.IsNullOrEmpty(request.IdempotencyKey))
            {
                return Results.Problem(statusCode: 400, title: $"{TenancyHeaders.TenantId} and an idempotencyKey are required");
            }
            var (message, errors) = SendRcsMessageBuilder.Build(request);
            if (message is null)
            {
                return Failure(http, new ProviderError(ProviderNames.Rcs, 400, "INVALID_ARGUMENT",
                    "RCS cannot carry this message: " + string.Join(" ", errors!.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")),
                    Retryable: false, ReceiptReason: nameof(GenesysReasonCode.InvalidMessageStructure)));
            }
            using var scope = logger.BeginTenantScope(tenantId);
            var (response, failure) = await service.SendAsync(tenantId, request, message, http.RequestAborted);
            return response is not null ? Results.Ok(response) : Failure(http, failure!.Error with { ReceiptReason = ReceiptReason(failure) });
        })
        .WithTags("RCS messages (internal)")
        .WithSummary("Send one RCS message at most once per idempotency key; failures as ProviderError (503 retryable, 422 not).")
        .Produces<SendRcsMessageResponse>()
        .Produces<ProviderError>(StatusCodes.Status422UnprocessableEntity)
        .Produces<ProviderError>(StatusCodes.Status503ServiceUnavailable);

        app.MapPost("/rcs/events", async (SendRcsEventRequest request, HttpContext http, RcsSendService service) =>
        {
            var tenantId = http.Request.Headers[TenancyHeaders.TenantId].ToString();
            if (tenantId is not { Length: > 0 and <= 64 } || !SendRcsMessageBuilder.IsMsisdn(request.To) ||
                request.EventType is not (SendRcsEventRequest.IsTyping or SendRcsEventRequest.Read) ||
                (request.EventType == SendRcsEventRequest.Read) != request.MessageId is { Length: > 0 })
            {
                return Results.Problem(statusCode: 400,
                    title: $"{TenancyHeaders.TenantId}, an E.164 'to' and IS_TYPING, or READ with the customer's messageId, are required");
            }
            return await service.SendEventAsync(tenantId, request.To!, request.EventType, request.MessageId, http.RequestAborted) is { } failure
                ? Failure(http, failure.Error)
                : Results.NoContent();
        })
        .WithTags("RCS messages (internal)")
        .WithSummary("Show the customer an agent event: typing, or that their message was read. Momentary; not retried.")
        .Produces(StatusCodes.Status204NoContent)
        .Produces<ProviderError>(StatusCodes.Status422UnprocessableEntity)
        .Produces<ProviderError>(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    /// <summary>What the agent is told: an unreachable number is a bad destination, a refused body a bad structure.</summary>
    private static string? ReceiptReason(RbmFailure failure) => failure.Error.Code switch
    {
        RbmFailure.NotRcsCapable => nameof(GenesysReasonCode.InvalidDestination),
        _ when failure.StatusForCaller == StatusCodes.Status400BadRequest => nameof(GenesysReasonCode.InvalidMessageStructure),
        _ when failure.StatusForCaller == StatusCodes.Status429TooManyRequests => nameof(GenesysReasonCode.RateLimited),
        _ => null,
    };

    private static IResult Failure(HttpContext http, ProviderError error)
    {
        if (error.Retryable && error.RetryAfterSeconds is { } seconds)
        {
            http.Response.Headers.RetryAfter = Math.Ceiling(seconds).ToString(CultureInfo.InvariantCulture);
        }
        return Results.Json(error, statusCode: error.Retryable ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status422UnprocessableEntity);
    }
}
