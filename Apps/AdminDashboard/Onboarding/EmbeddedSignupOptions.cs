namespace WhatsAppGenesys.AdminDashboard.Onboarding;

/// <summary>
/// Configuration section <c>EmbeddedSignup</c>: Meta's signup popup for businesses onboarding through our app. Both
/// ids are public (they are in every Tech Provider's page); the app secret stays with whatsapp-api.
/// </summary>
public sealed class EmbeddedSignupOptions
{
    public const string SectionName = "EmbeddedSignup";

    /// <summary>The platform's Meta app id. Empty: the wizard offers manual entry only.</summary>
    public string? AppId { get; set; }

    /// <summary>The Facebook Login for Business configuration id of the WhatsApp Embedded Signup flow.</summary>
    public string? ConfigId { get; set; }

    /// <summary>
    /// Sandbox only: the Meta simulator's stand-in for the popup. Empty in production, where Facebook's JavaScript SDK
    /// opens Meta's own popup (<c>FB.login</c> with the configuration id).
    /// </summary>
    public Uri? SandboxPopupUrl { get; set; }

    /// <summary>The Graph API version the JavaScript SDK is initialised with.</summary>
    public string GraphVersion { get; set; } = "v23.0";

    public bool IsEnabled => !string.IsNullOrEmpty(AppId) && !string.IsNullOrEmpty(ConfigId);
}
