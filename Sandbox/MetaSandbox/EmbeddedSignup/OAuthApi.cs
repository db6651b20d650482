using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;
using WhatsAppGenesys.MetaSandbox.GraphApi;

namespace WhatsAppGenesys.MetaSandbox.EmbeddedSignup;

// GET /{version}/oauth/access_token?client_id&client_secret&code: the server-side exchange of the popup's code for the
// business integration system user access token, {"access_token","token_type":"bearer"} with no expiry. The token is
// the new business's own, so the Graph API accepts it for that WABA and its phone number. redirect_uri is accepted
// and ignored: codes from the JS SDK carry none.
public static class OAuthApi
{
    public static IResult Exchange(HttpRequest request, [AsParameters] SignupServices services)
    {
        var query = request.Query;
        var clientId = query["client_id"].ToString();
        var clientSecret = query["client_secret"].ToString();
        var code = query["code"].ToString();
        var app = services.Options.Value;
        if (clientId.Length == 0)
        {
            return GraphErrorResponse.From(OAuthErrors.MissingParameter("client_id"));
        }
        if (clientId != app.AppId)
        {
            return GraphErrorResponse.From(OAuthErrors.InvalidApplication());
        }
        if (clientSecret.Length == 0)
        {
            return GraphErrorResponse.From(OAuthErrors.MissingParameter("client_secret"));
        }
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(clientSecret), Encoding.UTF8.GetBytes(app.AppSecret)))
        {
            return GraphErrorResponse.From(OAuthErrors.InvalidClientSecret());
        }
        if (code.Length == 0)
        {
            return GraphErrorResponse.From(OAuthErrors.MissingParameter("code"));
        }
        return services.Signups.Exchange(code, out var session) switch
        {
            CodeExchange.Issued => Results.Json(new TokenResponse(session!.AccessToken!, "bearer"), GraphJson.Options),
            CodeExchange.Used => GraphErrorResponse.From(OAuthErrors.CodeUsed()),
            CodeExchange.Expired => GraphErrorResponse.From(OAuthErrors.CodeExpired()),
            _ => GraphErrorResponse.From(OAuthErrors.InvalidCode()),
        };
    }

    public sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string AccessToken,
        [property: JsonPropertyName("token_type")] string TokenType);
}
