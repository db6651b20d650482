using System.Net.Http.Headers;
using System.Text;

namespace WhatsAppGenesys.RcsSandbox.OAuth;

/// <summary>
/// Client authentication at the token and revocation endpoints: HTTP Basic with client_id:client_secret (RFC 6749
/// §2.3.1, the scheme every client must be able to use). Each part is form-urlencoded before base64, so it is decoded
/// after splitting.
/// </summary>
public static class ClientCredentials
{
    public static bool TryRead(HttpRequest request, out string clientId, out string secret)
    {
        clientId = secret = string.Empty;
        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization.ToString(), out var header) ||
            !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase) ||
            string.IsNullOrEmpty(header.Parameter))
        {
            return false;
        }
        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                return false;
            }
            clientId = Uri.UnescapeDataString(decoded[..colon].Replace('+', ' '));
            secret = Uri.UnescapeDataString(decoded[(colon + 1)..].Replace('+', ' '));
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
