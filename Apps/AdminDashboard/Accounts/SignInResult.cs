namespace WhatsAppGenesys.AdminDashboard.Accounts;

public enum SignInOutcome
{
    SignedIn,
    WrongCredentials,
    LockedOut,
}

/// <param name="Account">The account, when <see cref="SignInOutcome.SignedIn"/>.</param>
/// <param name="LockedUntil">When the lock ends, when <see cref="SignInOutcome.LockedOut"/>.</param>
public sealed record SignInResult(SignInOutcome Outcome, OperatorAccount? Account = null, DateTimeOffset? LockedUntil = null);
