using System.Text.Json.Serialization;
using WhatsAppGenesys.RcsSandbox.Wire;

namespace WhatsAppGenesys.RcsSandbox.OAuth;

/// <summary>
/// RFC 6749 §5.2 error response, <c>{"error","error_description"}</c>, never cached. invalid_client is 401 with a
/// WWW-Authenticate challenge for the Basic scheme the client should have used; everything else is 400.
/// </summary>
public sealed record OAuthError(
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("error_description")] string? Description)
{
    public static OAuthError InvalidClient(string description = "Client authentication failed.") => new("invalid_client", description);

    public static OAuthError InvalidRequest(string description) => new("invalid_request", description);

    public static OAuthError InvalidGrant(string description) => new("invalid_grant", description);

    public static OAuthError UnsupportedGrantType(string grantType) =>
        new("unsupported_grant_type", $"Grant type \"{grantType}\" is not supported; use client_credentials or refresh_token.");

    public IResult ToResult(int? status = null) => new Result(this, status ?? (Error == "invalid_client" ? 401 : 400));

    private sealed class Result(OAuthError error, int status) : IResult, IStatusCodeHttpResult
    {
        public int? StatusCode => status;

        public Task ExecuteAsync(HttpContext httpContext)
        {
            var headers = httpContext.Response.Headers;
            headers.CacheControl = "no-store";
            headers.Pragma = "no-cache";
            if (status == StatusCodes.Status401Unauthorized)
            {
                headers.WWWAuthenticate = "Basic realm=\"rcs-sandbox\"";
            }
            return Results.Json(error, RbmJson.Options, statusCode: status).ExecuteAsync(httpContext);
        }
    }
}
