using WhatsAppGenesys.GenesysSandbox.Model;

namespace WhatsAppGenesys.GenesysSandbox.Http;

/// <summary>Builds Genesys <see cref="ErrorBody"/> answers with the platform's own codes and message texts.</summary>
public static class GenesysErrors
{
    public const string BadRequestMessage = "The request could not be understood by the server due to malformed syntax.";
    public const string RateLimitTemplate = "Rate limit exceeded the maximum [{limit}] requests within [{duration}] seconds";

    public static ErrorBody Body(HttpContext context, int status, string code, string message,
        IReadOnlyDictionary<string, string>? messageParams = null, string? messageWithParams = null,
        IReadOnlyList<ErrorDetail>? details = null) =>
        new(message, code, status, messageWithParams ?? message, messageParams ?? new Dictionary<string, string>(),
            CorrelationId.Get(context), details ?? [], []);

    public static IResult Result(ErrorBody body, int? retryAfterSeconds = null) =>
        new ErrorResult(body, retryAfterSeconds);

    public static IResult Result(HttpContext context, int status, string code, string message) =>
        Result(Body(context, status, code, message));

    public static IResult BadRequest(HttpContext context, string? message = null) =>
        Result(context, 400, "bad.request", message ?? BadRequestMessage);

    public static IResult AuthenticationRequired(HttpContext context) =>
        Result(context, 401, "authentication.required", "No authentication bearer token specified in authorization header.");

    public static IResult CredentialsExpired(HttpContext context) =>
        Result(context, 401, "credentials.expired", "The supplied credentials are expired and cannot be used.");

    public static IResult NotAuthorized(HttpContext context) =>
        Result(context, 403, "not.authorized", "You are not authorized to perform the requested action.");

    public static IResult NotFound(HttpContext context) =>
        Result(context, 404, "not.found", "The requested resource was not found.");

    public static IResult UnsupportedMediaType(HttpContext context) =>
        Result(context, 415, "unsupported.media.type",
            "Unsupported Media Type - Unsupported or incorrect media type, such as an incorrect Content-Type value in the header.");

    public static IResult TooManyRequests(HttpContext context, int limit, int windowSeconds, int retryAfterSeconds) =>
        Result(TooManyRequestsBody(context, limit, windowSeconds), retryAfterSeconds);

    public static ErrorBody TooManyRequestsBody(HttpContext context, int limit, int windowSeconds)
    {
        var limitText = limit.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var windowText = windowSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Body(context, 429, "too.many.requests",
            $"Rate limit exceeded the maximum [{limitText}] requests within [{windowText}] seconds",
            new Dictionary<string, string> { ["limit"] = limitText, ["duration"] = windowText },
            RateLimitTemplate);
    }

    /// <summary>The default ErrorBody for a status, used by injected faults.</summary>
    public static (string Code, string Message) ForStatus(int status) => status switch
    {
        400 => ("bad.request", BadRequestMessage),
        401 => ("authentication.required", "No authentication bearer token specified in authorization header."),
        403 => ("not.authorized", "You are not authorized to perform the requested action."),
        404 => ("not.found", "The requested resource was not found."),
        408 or 504 => ("request.timeout", "The request timed out."),
        503 => ("service.unavailable", "Service Unavailable - The server is currently unavailable (because it is overloaded or down for maintenance)."),
        >= 500 => ("internal.server.error", "The server encountered an unexpected condition which prevented it from fulfilling the request."),
        _ => ("bad.request", BadRequestMessage),
    };

    private sealed class ErrorResult(ErrorBody body, int? retryAfterSeconds) : IResult, IStatusCodeHttpResult
    {
        public int? StatusCode => body.Status;

        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = body.Status;
            if (retryAfterSeconds is { } seconds)
            {
                httpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            return httpContext.Response.WriteAsJsonAsync(body, SandboxJson.Options);
        }
    }
}
