namespace WhatsAppGenesys.WhatsAppApi.Onboarding;

/// <summary>
/// Configuration section <c>Meta:App</c>: the platform's own Meta app (a Tech Provider app), through which businesses
/// onboard with Embedded Signup. Its secret exchanges their authorization codes and signs their webhooks.
/// </summary>
public sealed class MetaAppOptions
{
    public const string SectionName = "Meta:App";

    public string? AppId { get; set; }

    public string? AppSecret { get; set; }

    /// <summary>The Graph API version the onboarding calls use.</summary>
    public string GraphVersion { get; set; } = "v23.0";

    public bool IsConfigured => !string.IsNullOrEmpty(AppId) && !string.IsNullOrEmpty(AppSecret);
}
