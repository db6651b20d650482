using WhatsAppGenesys.Contracts;

namespace WhatsAppGenesys.Clients.Tokens;

/// <summary>Configuration section <c>Clients:Tokens</c>.</summary>
public sealed class TokenProviderOptions
{
    public const string SectionName = "Clients:Tokens";

    /// <summary>The auth service, resolved through service discovery.</summary>
    public Uri AuthServiceBaseAddress { get; set; } = new($"http://{ServiceNames.AuthService}");
}
