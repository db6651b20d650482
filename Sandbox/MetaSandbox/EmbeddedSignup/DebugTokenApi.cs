using WhatsAppGenesys.MetaSandbox.GraphApi;
using WhatsAppGenesys.MetaSandbox.Model;

namespace WhatsAppGenesys.MetaSandbox.EmbeddedSignup;

// GET /{version}/debug_token?input_token=…: what a token may do. Partners read the WABA a signup granted from
// granular_scopes (whatsapp_business_management / whatsapp_business_messaging, target_ids = the WABA ids).
// The caller's own token (access_token or Bearer) must be the app token "{app-id}|{app-secret}" or a token the
// simulator issued. An input_token nobody issued answers 200 with is_valid:false, as Meta does.
public static class DebugTokenApi
{
    public const string ManagementScope = "whatsapp_business_management";
    public const string MessagingScope = "whatsapp_business_messaging";

    public static IResult Debug(HttpRequest request, [AsParameters] SignupServices services)
    {
        var caller = GraphAuth.Token(request);
        var app = services.Options.Value;
        if (caller is null)
        {
            return GraphErrorResponse.From(OAuthErrors.AccessTokenRequired());
        }
        if (caller != $"{app.AppId}|{app.AppSecret}" && !services.Businesses.IsKnownToken(caller))
        {
            return GraphErrorResponse.From(OAuthErrors.InvalidAccessToken());
        }
        var input = request.Query["input_token"].ToString();
        if (input.Length == 0)
        {
            return GraphErrorResponse.From(OAuthErrors.MissingParameter("input_token"));
        }
        if (services.Businesses.FindByToken(input) is not { } business)
        {
            return Results.Json(new
            {
                data = new
                {
                    error = new { code = MetaErrors.InvalidTokenCode, message = "Invalid OAuth access token." },
                    is_valid = false,
                    scopes = Array.Empty<string>(),
                },
            }, GraphJson.Options);
        }
        var signup = services.Signups.FindByToken(input);
        var issuedAt = signup?.TokenIssuedAt ?? signup?.FinishedAt;
        string[] targets = [business.WabaId];
        return Results.Json(new
        {
            data = new
            {
                app_id = app.AppId,
                type = "SYSTEM_USER",
                application = app.AppName,
                data_access_expires_at = 0,
                expires_at = 0,
                is_valid = true,
                issued_at = issuedAt?.ToUnixTimeSeconds(),
                scopes = new[] { ManagementScope, MessagingScope, "public_profile" },
                granular_scopes = new[]
                {
                    new { scope = ManagementScope, target_ids = targets },
                    new { scope = MessagingScope, target_ids = targets },
                },
                user_id = UserId(business),
            },
        }, GraphJson.Options);
    }

    // The business integration system user behind the token: one per business, a 16-digit id derived from the WABA's.
    private static string UserId(Business business) => "1" + business.WabaId;
}
