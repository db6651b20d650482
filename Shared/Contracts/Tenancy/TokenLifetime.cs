namespace WhatsAppGenesys.Contracts.Tenancy;

/// <summary>When cached tokens are refreshed, in one place for the auth service and its callers.</summary>
public static class TokenLifetime
{
    private static readonly TimeSpan ServerMargin = TimeSpan.FromSeconds(300);
    private static readonly TimeSpan ClientMargin = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How long the auth service keeps a token in Redis: <c>expires_in - 300 s</c>, or half the lifetime
    /// for tokens shorter than ten minutes, so a short-lived token is still cached a little and never served expired.
    /// </summary>
    public static TimeSpan ServerCacheTtl(TimeSpan expiresIn) =>
        expiresIn > 2 * ServerMargin ? expiresIn - ServerMargin : TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerSecond, expiresIn.Ticks / 2));

    /// <summary>
    /// When a caller stops using its in-process copy and asks the auth service again: a minute before expiry (half
    /// the remaining time for short tokens), so clock skew between processes never sends an expired token.
    /// </summary>
    public static DateTimeOffset ClientRefreshAt(DateTimeOffset now, DateTimeOffset expiresAt)
    {
        var remaining = expiresAt - now;
        if (remaining <= TimeSpan.Zero)
        {
            return now;
        }
        return expiresAt - (remaining > 2 * ClientMargin ? ClientMargin : remaining / 2);
    }
}
