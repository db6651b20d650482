using System.Globalization;
using System.Text.Json.Nodes;

namespace WhatsAppGenesys.RcsSandbox.Wire;

/// <summary>
/// An error in Google's JSON shape (google.rpc.Status, https://cloud.google.com/apis/design/errors):
/// <c>{"error":{"code":400,"message":"…","status":"INVALID_ARGUMENT","details":[…]}}</c>. Validation errors carry a
/// google.rpc.BadRequest detail naming the field, the way Google's ESF reports them. The default messages are Google's
/// own texts for each canonical code.
/// </summary>
public sealed record GoogleError(int Code, string Status, string Message, string? Field = null)
{
    public const string UnauthenticatedMessage =
        "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication " +
        "credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.";

    public static GoogleError InvalidArgument(string message, string? field = null) => new(400, "INVALID_ARGUMENT", message, field);

    public static GoogleError Unauthenticated() => new(401, "UNAUTHENTICATED", UnauthenticatedMessage);

    public static GoogleError PermissionDenied(string message = "The caller does not have permission") => new(403, "PERMISSION_DENIED", message);

    public static GoogleError NotFound(string message = "Requested entity was not found.") => new(404, "NOT_FOUND", message);

    public static GoogleError AlreadyExists(string message = "Requested entity already exists") => new(409, "ALREADY_EXISTS", message);

    public static GoogleError ResourceExhausted(string message = "Resource has been exhausted (e.g. check quota).") =>
        new(429, "RESOURCE_EXHAUSTED", message);

    /// <summary>The canonical code Google maps an HTTP status to (google/rpc/code.proto), for injected faults.</summary>
    public static GoogleError ForStatus(int httpStatus, string? message = null, string? status = null)
    {
        var (name, text) = httpStatus switch
        {
            400 => ("INVALID_ARGUMENT", "Request contains an invalid argument."),
            401 => ("UNAUTHENTICATED", UnauthenticatedMessage),
            403 => ("PERMISSION_DENIED", "The caller does not have permission"),
            404 => ("NOT_FOUND", "Requested entity was not found."),
            409 => ("ABORTED", "The operation was aborted."),
            429 => ("RESOURCE_EXHAUSTED", "Resource has been exhausted (e.g. check quota)."),
            499 => ("CANCELLED", "The operation was cancelled."),
            501 => ("UNIMPLEMENTED", "Operation is not implemented, or supported, or enabled."),
            503 => ("UNAVAILABLE", "The service is currently unavailable."),
            504 => ("DEADLINE_EXCEEDED", "Deadline expired before operation could complete."),
            >= 500 => ("INTERNAL", "Internal error encountered."),
            _ => ("FAILED_PRECONDITION", "Precondition check failed."),
        };
        return new GoogleError(httpStatus, status ?? name, message ?? text);
    }

    public JsonObject ToJson()
    {
        var error = new JsonObject { ["code"] = Code, ["message"] = Message, ["status"] = Status };
        if (Field is not null)
        {
            error["details"] = new JsonArray(new JsonObject
            {
                ["@type"] = "type.googleapis.com/google.rpc.BadRequest",
                ["fieldViolations"] = new JsonArray(new JsonObject { ["field"] = Field, ["description"] = Message }),
            });
        }
        return new JsonObject { ["error"] = error };
    }

    /// <param name="retryAfterSeconds">Sent as Retry-After (with 429 and 503).</param>
    /// <param name="tokenPresented">For a 401: RFC 6750 names the error when a token was sent and was not good.</param>
    public IResult ToResult(int? retryAfterSeconds = null, bool tokenPresented = false) =>
        new Result(this, retryAfterSeconds, tokenPresented);

    private sealed class Result(GoogleError error, int? retryAfterSeconds, bool tokenPresented) : IResult, IStatusCodeHttpResult
    {
        public int? StatusCode => error.Code;

        public Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = error.Code;
            if (retryAfterSeconds is > 0)
            {
                response.Headers.RetryAfter = retryAfterSeconds.Value.ToString(CultureInfo.InvariantCulture);
            }
            if (error.Code == StatusCodes.Status401Unauthorized)
            {
                response.Headers.WWWAuthenticate = tokenPresented
                    ? "Bearer realm=\"https://accounts.google.com/\", error=\"invalid_token\""
                    : "Bearer realm=\"https://accounts.google.com/\"";
            }
            response.ContentType = "application/json; charset=UTF-8";
            return response.WriteAsync(error.ToJson().ToJsonString(RbmJson.Options), httpContext.RequestAborted);
        }
    }
}
