using System.Net;
using System.Text.Json.Serialization;

namespace WhatsAppGenesys.AuthService.Tokens;

/// <summary>
/// A token endpoint's refusal, read once for every provider: what kind it is, which decides what our callers get
/// (credentials refused → 502, the operator has to fix them; throttled or down → 503, try again), and its OAuth error
/// code (RFC 6749 §5.2: <c>invalid_client</c>, <c>invalid_grant</c>…): short, useful in a token error, and never an
/// echo of what we sent. Each login words the failure for its provider.
/// </summary>
public sealed record OAuthRefusal(OAuthRefusal.Kinds Kind, int Status, string? ErrorCode)
{
    public enum Kinds { CredentialsRefused, Throttled, Unavailable }

    /// <summary>The status our callers get for this kind of refusal.</summary>
    public int FailureStatus => Kind == Kinds.CredentialsRefused ? StatusCodes.Status502BadGateway : StatusCodes.Status503ServiceUnavailable;

    /// <summary>The status, and the error code when the body had one: "401" or "401, invalid_client".</summary>
    public string StatusAndCode => ErrorCode is null ? $"{Status}" : $"{Status}, {ErrorCode}";

    public static async Task<OAuthRefusal> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var kind = response.StatusCode switch
        {
            HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => Kinds.CredentialsRefused,
            HttpStatusCode.TooManyRequests => Kinds.Throttled,
            _ => Kinds.Unavailable,
        };
        return new OAuthRefusal(kind, (int)response.StatusCode, await ReadErrorCodeAsync(response, cancellationToken));
    }

    private static async Task<string?> ReadErrorCodeAsync(HttpResponseMessage response, CancellationToken cancellationToken)
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
