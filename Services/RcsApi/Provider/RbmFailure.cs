using System.Globalization;
using System.Text.Json;
using WhatsAppGenesys.Contracts.Providers;

namespace WhatsAppGenesys.RcsApi.Provider;

/// <summary>A failed call as the send API answers it: the status for our caller and the error in our one shape.</summary>
public sealed record RbmFailure(int StatusForCaller, ProviderError Error)
{
    public const string NotRcsCapable = "NOT_RCS_CAPABLE";

    /// <summary>
    /// Google's <c>{"error":{"code","message","status"}}</c> answer, classified: 404 is a number that RCS cannot reach
    /// (422); 400 is the caller's content (400); 429 and 5xx are retryable (429, 503) with the provider's message; a
    /// 401 or 403 that survived one regenerated token is the tenant's agent or client being refused (502).
    /// </summary>
    public static RbmFailure From(int status, string? body, TimeSpan? retryAfter, string msisdn)
    {
        var (googleStatus, message) = Parse(body);
        message ??= $"The RCS provider answered {status}.";
        return status switch
        {
            404 => new(StatusCodes.Status422UnprocessableEntity, Make(status, NotRcsCapable,
                $"{msisdn} is not reachable over RCS (the provider answered NOT_FOUND: {message})", retryable: false)),
            400 => new(StatusCodes.Status400BadRequest, Make(status, googleStatus ?? "INVALID_ARGUMENT", message, retryable: false)),
            429 => new(StatusCodes.Status429TooManyRequests, Make(status, googleStatus ?? "RESOURCE_EXHAUSTED", message, retryable: true, retryAfter)),
            >= 500 => new(StatusCodes.Status503ServiceUnavailable, Make(status, googleStatus ?? "UNAVAILABLE", message, retryable: true, retryAfter)),
            401 or 403 => new(StatusCodes.Status502BadGateway, Make(status, googleStatus ?? "PERMISSION_DENIED",
                $"The RCS provider refused the tenant's agent or OAuth client even with a fresh token: {message}", retryable: false)),
            409 => new(StatusCodes.Status409Conflict, Make(status, googleStatus ?? "ALREADY_EXISTS", message, retryable: false)),
            _ => new(StatusCodes.Status502BadGateway, Make(status, googleStatus ?? "UNKNOWN", message, retryable: false)),
        };
    }

    /// <summary>The provider could not be reached or did not answer in time.</summary>
    public static RbmFailure Unreachable(string reason) =>
        new(StatusCodes.Status503ServiceUnavailable, Make(0, "UNREACHABLE", $"The RCS provider could not be reached: {reason}", retryable: true));

    /// <summary>A request with the same idempotency key is being sent right now.</summary>
    public static RbmFailure InProgress(string messageId) =>
        new(StatusCodes.Status409Conflict, Make(0, "IN_PROGRESS",
            $"A request with this idempotency key is being sent as message {messageId}; ask again for its answer.", retryable: true));

    /// <summary>No token: the auth service's status and reason (409 not configured, 403 deactivated, 502 refused, 503).</summary>
    public static RbmFailure NoToken(int authStatus, string reason) => authStatus switch
    {
        409 => new(StatusCodes.Status409Conflict, Make(authStatus, "RCS_NOT_CONFIGURED", reason, retryable: false)),
        403 => new(StatusCodes.Status403Forbidden, Make(authStatus, "TENANT_INACTIVE", reason, retryable: false)),
        502 => new(StatusCodes.Status502BadGateway, Make(authStatus, "CREDENTIALS_REJECTED", reason, retryable: false)),
        _ => new(StatusCodes.Status503ServiceUnavailable, Make(authStatus, "TOKEN_UNAVAILABLE", reason, retryable: true)),
    };

    private static ProviderError Make(int status, string code, string message, bool retryable, TimeSpan? retryAfter = null) =>
        new(ProviderNames.Rcs, status, code, message, retryable, retryAfter?.TotalSeconds);

    private static (string? Status, string? Message) Parse(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return (null, null);
        }
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind == JsonValueKind.Object &&
                doc.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
            {
                var status = error.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
                var message = error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
                return (status, message is { Length: > 1000 } ? message[..1000] : message);
            }
        }
        catch (JsonException)
        {
            // Not Google's shape (a proxy's page): the status alone speaks.
        }
        return (null, null);
    }

    public override string ToString() =>
        $"RbmFailure {{ Status = {StatusForCaller.ToString(CultureInfo.InvariantCulture)}, Code = {Error.Code} }}";
}
