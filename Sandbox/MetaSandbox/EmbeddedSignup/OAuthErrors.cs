using WhatsAppGenesys.MetaSandbox.Model;

namespace WhatsAppGenesys.MetaSandbox.EmbeddedSignup;

// Graph's OAuth errors, as /oauth/access_token and debug_token answer them: type OAuthException, HTTP 400, no
// error_data (these are not WhatsApp calls).
public static class OAuthErrors
{
    public static MetaError MissingParameter(string name) =>
        Error(100, $"Missing {name} parameter.");

    public static MetaError InvalidApplication() =>
        Error(101, "Error validating application. Invalid application ID.");

    // Meta answers a wrong client_secret with code 1, not 100 or 190.
    public static MetaError InvalidClientSecret() =>
        Error(1, "Error validating client secret.");

    public static MetaError InvalidCode() =>
        Error(100, "Invalid verification code format.");

    public static MetaError CodeUsed() =>
        Error(100, "This authorization code has been used.", 36009);

    public static MetaError CodeExpired() =>
        Error(100, "This authorization code has expired.", 36007);

    public static MetaError AccessTokenRequired() =>
        Error(104, "An access token is required to request this resource.");

    public static MetaError InvalidAccessToken() =>
        new(MetaErrors.InvalidTokenCode, "Invalid OAuth access token - Cannot parse access token", "", 400, OutsideWhatsApp: true);

    private static MetaError Error(int code, string message, int? subcode = null) =>
        new(code, message, "", 400, "OAuthException", subcode, OutsideWhatsApp: true);
}
