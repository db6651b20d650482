using System.Globalization;
using WhatsAppGenesys.Contracts.Meta;
using WhatsAppGenesys.Contracts.Providers;

namespace WhatsAppGenesys.OutboundTransformer.Delivery;

/// <summary>How long a retryable send failure waits before its next attempt.</summary>
public static class OutboundBackoff
{
    /// <summary>
    /// Throttles (Meta's 130429, 131056, 80007, 4…; the RCS provider's RESOURCE_EXHAUSTED) need more room than the
    /// pipeline's plain back-off: 2 s doubling per attempt up to a minute, or the provider's Retry-After when longer.
    /// Other errors take the pipeline's back-off (or the Retry-After they carry).
    /// </summary>
    public static TimeSpan? For(ProviderError error, int attempt)
    {
        var hint = error.RetryAfterSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null;
        if (!IsThrottle(error))
        {
            return hint;
        }
        var backoff = TimeSpan.FromSeconds(Math.Min(60, 2 * Math.Pow(2, Math.Clamp(attempt - 1, 0, 10))));
        return hint > backoff ? hint : backoff;
    }

    private static bool IsThrottle(ProviderError error) => error.Provider switch
    {
        ProviderNames.Meta => int.TryParse(error.Code, NumberStyles.None, CultureInfo.InvariantCulture, out var code) && MetaErrorCatalog.Classify(code).BackOff,
        ProviderNames.Rcs => error.Code == "RESOURCE_EXHAUSTED",
        _ => false,
    };
}
