using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace WhatsAppGenesys.MetaSandbox.Limits;

// The sending limits as they stand now, seeded from MetaSandbox:Limits and changed through /sandbox/limits. Each
// business (WABA) may have its own messaging-limit tier; the others use MessagingLimitTier.
public sealed class LimitSettings
{
    private readonly ConcurrentDictionary<string, string> _tierByWaba = new(StringComparer.Ordinal);

    public LimitSettings(IOptions<MetaSandboxOptions> options)
    {
        var o = options.Value.Limits;
        if (!MessagingTiers.TryParse(o.MessagingLimitTier, out _))
        {
            throw new OptionsValidationException(nameof(LimitOptions), typeof(LimitOptions),
                [$"MetaSandbox:Limits:MessagingLimitTier '{o.MessagingLimitTier}' is not a tier."]);
        }
        EnforceMessagingLimit = o.EnforceMessagingLimit;
        MessagingLimitTier = o.MessagingLimitTier;
        MessagingLimitErrorCode = o.MessagingLimitErrorCode;
        MessagingLimitDelivery = o.MessagingLimitDelivery;
        EnforcePairRate = o.EnforcePairRate;
        PairRateIntervalMs = o.PairRateIntervalMs;
        PairRateBurst = o.PairRateBurst;
    }

    public volatile bool EnforceMessagingLimit;
    public volatile string MessagingLimitTier;
    public volatile int MessagingLimitErrorCode;
    public volatile PolicyErrorDelivery MessagingLimitDelivery;
    public volatile bool EnforcePairRate;
    public volatile int PairRateIntervalMs;
    public volatile int PairRateBurst;

    public string TierFor(string wabaId) => _tierByWaba.GetValueOrDefault(wabaId) ?? MessagingLimitTier;

    public void SetTier(string wabaId, string tier) => _tierByWaba[wabaId] = tier;

    public IReadOnlyDictionary<string, string> BusinessTiers => _tierByWaba;
}
