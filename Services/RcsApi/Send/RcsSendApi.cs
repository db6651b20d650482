using System.Globalization;
using WhatsAppGenesys.Contracts.Providers;
using WhatsAppGenesys.Contracts.Tenancy;
using WhatsAppGenesys.RcsApi.Provider;
using WhatsAppGenesys.ServiceDefaults;

namespace WhatsAppGenesys.RcsApi.Send;

/// <summary>
/// The RCS send API, its message status and the capability check, reached through the API gateway, which
/// authenticates the API key and sets <c>X-Tenant-ID</c>: a caller only ever sends as, and reads, its own tenant.
/// </summary>
public static class RcsSendApi
{
    public static IEndpointRouteBuilder MapRcsSendApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/conv/RCS").WithTags("RCS send API");

        api.MapPost("/sendmessage", async (SendRcsMessageRequest request, HttpContext http, RcsSendService service, ILogger<RcsSendService> logger) =>
        {
            if (TenantOf(http) is not { } tenantId)
            {
                return Results.Problem(statusCode: 400, title: $"{TenancyHeaders.TenantId} is required");
            }
            var (message, errors) = SendRcsMessageBuilder.Build(request);
            if (message is null)
            {
                return Results.ValidationProblem(errors!);
            }
            using var scope = logger.BeginTenantScope(tenantId);
            var (response, failure) = await service.SendAsync(tenantId, request, message, http.RequestAborted);
            return response is not null ? Results.Ok(response) : Failure(http, failure!);
        })
        .WithSummary("Send a text, a file by URL or a rich card, with suggestions, to a customer over RCS; returns the message id.")
        .Produces<SendRcsMessageResponse>()
        .ProducesValidationProblem()
        .Produces<ProviderError>(StatusCodes.Status422UnprocessableEntity)
        .Produces<ProviderError>(StatusCodes.Status429TooManyRequests)
        .Produces<ProviderError>(StatusCodes.Status503ServiceUnavailable);

        api.MapGet("/messages/{id}/status", async (string id, HttpContext http, RcsSendService service) =>
        {
            if (TenantOf(http) is not { } tenantId)
            {
                return Results.Problem(statusCode: 400, title: $"{TenancyHeaders.TenantId} is required");
            }
            return await service.FindStatusAsync(tenantId, id, http.RequestAborted) is { } status ? Results.Ok(status) : Results.NotFound();
        })
        .WithSummary("What became of a message sent through the RCS send API, by its message id.")
        .Produces<RcsMessageStatusResponse>()
        .Produces(StatusCodes.Status404NotFound);

        api.MapGet("/capabilities/{msisdn}", async (string msisdn, HttpContext http, RcsSendService service, ILogger<RcsSendService> logger) =>
        {
            if (TenantOf(http) is not { } tenantId)
            {
                return Results.Problem(statusCode: 400, title: $"{TenancyHeaders.TenantId} is required");
            }
            if (!SendRcsMessageBuilder.IsMsisdn(msisdn))
            {
                return Results.ValidationProblem(new Dictionary<string, string[]>
                {
                    ["msisdn"] = ["The customer's number in E.164 with its '+' (%2B in a URL), e.g. +15551234567."],
                });
            }
            using var scope = logger.BeginTenantScope(tenantId);
            var (response, failure) = await service.CapabilitiesAsync(tenantId, msisdn, http.RequestAborted);
            return response is not null ? Results.Ok(response) : Failure(http, failure!);
        })
        .WithSummary("Whether a number is reachable over RCS, and which rich features its device supports (422 if it is not).")
        .Produces<RcsCapabilitiesResponse>()
        .ProducesValidationProblem()
        .Produces<ProviderError>(StatusCodes.Status422UnprocessableEntity);

        return app;
    }

    // The provider's refusal of the content is the caller's input: problem details, like our own checks.
    private static IResult Failure(HttpContext http, RbmFailure failure)
    {
        if (failure.StatusForCaller == StatusCodes.Status400BadRequest)
        {
            return Results.Problem(statusCode: 400, title: "The RCS provider refused the message", detail: failure.Error.Message);
        }
        if (failure.Error.Retryable && failure.Error.RetryAfterSeconds is { } seconds)
        {
            http.Response.Headers.RetryAfter = Math.Ceiling(seconds).ToString(CultureInfo.InvariantCulture);
        }
        return Results.Json(failure.Error, statusCode: failure.StatusForCaller);
    }

    private static string? TenantOf(HttpContext http) =>
        http.Request.Headers[TenancyHeaders.TenantId].ToString() is { Length: > 0 and <= 64 } tenantId ? tenantId : null;
}
