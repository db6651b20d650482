namespace WhatsAppGenesys.AuthService.Tokens;

/// <summary>Configuration section <c>AuthService:TokenCache</c>.</summary>
public sealed class TokenCacheOptions
{
    public const string SectionName = "AuthService:TokenCache";

    /// <summary>
    /// How long the exchange lock lives. Longer than the provider call's timeout, so a live holder never loses it;
    /// short enough that a crashed holder blocks the others only this long.
    /// </summary>
    public TimeSpan LockTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a request waits for another replica's exchange before answering 503.</summary>
    public TimeSpan WaitTimeout { get; set; } = TimeSpan.FromSeconds(25);

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(25);

    /// <summary>
    /// How long a failed exchange's answer is shared, so a burst of waiters gets the same clear error instead of
    /// each retrying the provider in turn.
    /// </summary>
    public TimeSpan FailureTtl { get; set; } = TimeSpan.FromSeconds(2);
}
