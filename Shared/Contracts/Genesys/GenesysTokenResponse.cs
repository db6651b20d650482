using System.Text.Json.Serialization;
using WhatsAppGenesys.Contracts.Security;

namespace WhatsAppGenesys.Contracts.Genesys;

/// <summary>
/// Answer of <c>POST https://login.{region}/oauth/token</c> (client credentials). The token is a
/// <see cref="Secret"/>, so logging this record leaks nothing; serializing it writes "[redacted]".
/// </summary>
public sealed record GenesysTokenResponse
{
    [JsonPropertyName("access_token")]
    public Secret? AccessToken { get; init; }

    [JsonPropertyName("token_type")]
    public string? TokenType { get; init; }

    /// <summary>Seconds; read it, never assume the default.</summary>
    [JsonPropertyName("expires_in")]
    public int ExpiresIn { get; init; }

    /// <summary>OAuth error code on failure, e.g. "invalid_client".</summary>
    [JsonPropertyName("error")]
    public string? Error { get; init; }

    [JsonPropertyName("description")]
    public string? Description { get; init; }

    [JsonPropertyName("error_description")]
    public string? ErrorDescription { get; init; }
}
