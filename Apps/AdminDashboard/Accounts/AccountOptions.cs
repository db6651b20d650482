namespace WhatsAppGenesys.AdminDashboard.Accounts;

/// <summary>Configuration section <c>Accounts</c>: password and lockout rules for operator accounts.</summary>
public sealed class AccountOptions
{
    public const string SectionName = "Accounts";

    /// <summary>Wrong passwords in a row that lock an account.</summary>
    public int MaxFailedSignIns { get; set; } = 5;

    /// <summary>How long a locked account stays locked; the right password does not open it sooner.</summary>
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Length is what makes a password strong; no composition rules (NIST SP 800-63B).</summary>
    public int MinPasswordLength { get; set; } = 12;

    /// <summary>The key that creates the first admin on a fresh install (the platform's operator key).</summary>
    public string OperatorKey { get; set; } = "";
}
