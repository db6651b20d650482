using System.ComponentModel.DataAnnotations;
using WhatsAppGenesys.Contracts.Tenancy;

namespace WhatsAppGenesys.AdminDashboard.Onboarding;

/// <summary>
/// What the wizard has gathered so far. It lives only in the operator's server-side circuit: secrets typed here are
/// sent to the tenant service when the tenant is created and then cleared, never rendered back into the page.
/// </summary>
public sealed class OnboardingDraft
{
    public TenantStep Tenant { get; } = new();
    public WhatsAppStep WhatsApp { get; } = new();
    public GenesysStep Genesys { get; } = new();

    /// <summary>Drops every secret the draft holds, once they have gone to the tenant service.</summary>
    public void ForgetSecrets()
    {
        WhatsApp.ForgetSecrets();
        Genesys.ClientSecret = null;
    }
}

public sealed class TenantStep
{
    [Required(ErrorMessage = "Enter the tenant id.")]
    [RegularExpression("^[a-z0-9][a-z0-9-]{0,62}$", ErrorMessage = "Use 1–63 lower-case letters, digits and hyphens, starting with a letter or digit.")]
    public string? Id { get; set; }

    [Required(ErrorMessage = "Enter the business's name.")]
    [StringLength(200)]
    public string? Name { get; set; }

    [Required(ErrorMessage = "Enter who we write to at the business.")]
    [EmailAddress(ErrorMessage = "Enter an e-mail address such as ops@example.com.")]
    [StringLength(254)]
    public string? ContactEmail { get; set; }
}

public enum WhatsAppSetup
{
    EmbeddedSignup,
    Manual,
}

public sealed class WhatsAppStep
{
    public WhatsAppSetup Setup { get; set; } = WhatsAppSetup.Manual;

    /// <summary>Embedded Signup: the two-step verification PIN the number is registered with.</summary>
    public string? Pin { get; set; }

    /// <summary>Embedded Signup: what Meta granted, once the signup completed (its secrets go with the tenant).</summary>
    public EmbeddedSignupResult? Connected { get; private set; }

    /// <summary>Takes the account, number and token Embedded Signup produced as this step's values.</summary>
    public void Connect(EmbeddedSignupResult result)
    {
        Connected = result;
        WabaId = result.WabaId;
        PhoneNumberIds = result.PhoneNumberId;
        DisplayPhoneNumber = result.DisplayPhoneNumber;
        AccessToken = result.AccessToken;
        AppSecret = result.AppSecret;
    }

    [Required(ErrorMessage = "Enter the WhatsApp Business Account id.")]
    [RegularExpression("^[0-9]{5,20}$", ErrorMessage = "A WABA id is a number.")]
    public string? WabaId { get; set; }

    [Required(ErrorMessage = "Enter at least one phone number id.")]
    [RegularExpression("^[0-9]{5,20}( *, *[0-9]{5,20})*$", ErrorMessage = "Phone number ids are numbers, separated by commas.")]
    public string? PhoneNumberIds { get; set; }

    public string? DisplayPhoneNumber { get; set; }

    [Required(ErrorMessage = "Enter the access token.")]
    public string? AccessToken { get; set; }

    [Required(ErrorMessage = "Enter the app secret.")]
    public string? AppSecret { get; set; }

    public void ForgetSecrets()
    {
        Connected = null;
        Pin = null;
        AccessToken = null;
        AppSecret = null;
    }

    public IReadOnlyList<string> PhoneNumberIdList() =>
        (PhoneNumberIds ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

public sealed class GenesysStep
{
    [Required(ErrorMessage = "Choose the region.")]
    public string? RegionDomain { get; set; }

    [Required(ErrorMessage = "Enter the OAuth client id.")]
    public string? ClientId { get; set; }

    [Required(ErrorMessage = "Enter the OAuth client secret.")]
    public string? ClientSecret { get; set; }

    [Required(ErrorMessage = "Enter the Open Messaging integration id.")]
    public string? IntegrationId { get; set; }
}
