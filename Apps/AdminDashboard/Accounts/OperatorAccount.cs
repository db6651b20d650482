namespace WhatsAppGenesys.AdminDashboard.Accounts;

/// <summary>A person who signs in to the console. The password is kept only as a PBKDF2 hash.</summary>
public sealed class OperatorAccount
{
    public Guid Id { get; set; }
    public required string Email { get; set; }
    public required string NormalizedEmail { get; set; }
    public required string DisplayName { get; set; }
    public required string Role { get; set; }
    public required string PasswordHash { get; set; }

    /// <summary>Wrong passwords since the last successful sign-in; reset when the lockout starts.</summary>
    public int FailedSignIns { get; set; }
    public DateTimeOffset? LockedUntil { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastSignInAt { get; set; }
}

/// <summary>
/// What an operator may do. Support handles day-to-day operations (tenant health, parked messages, replay,
/// suspending a tenant) but never sees or changes credentials; admin does everything, including onboarding.
/// </summary>
public static class OperatorRoles
{
    public const string Admin = "admin";
    public const string Support = "support";

    public static IReadOnlyList<string> All { get; } = [Admin, Support];

    public static bool IsKnown(string? role) => role is Admin or Support;
}
