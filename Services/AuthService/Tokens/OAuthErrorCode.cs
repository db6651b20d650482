using System.Text.Json.Serialization;

namespace WhatsAppGenesys.AuthService.Tokens;

/// <summary>
/// The OAuth error code of a refused token request (RFC 6749 §5.2: <c>invalid_client</c>, <c>invalid_grant</c>…):
/// short, useful in a token error, and never an echo of what we sent. Anything else in the body is not read.
/// </summary>
public static class OAuthErrorCode
{
    public static async Task<string?> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var error = await response.Content.ReadFromJsonAsync<OAuthError>(cancellationToken);
            return error?.Error is { Length: > 0 and <= 64 } code && code.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-')
                ? code
                : null;
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or NotSupportedException)
        {
            return null;
        }
    }

    private sealed record OAuthError([property: JsonPropertyName("error")] string? Error);
}
