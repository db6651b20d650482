using WhatsAppGenesys.MetaSandbox.Model;

namespace WhatsAppGenesys.MetaSandbox.Limits;

// The limits a send meets after it was found valid (template included), in this order: an armed spam strike
// (131048), the pair rate (131056), then, for business-initiated messages only, the business's messaging limit.
// Throughput (130429) comes before all of these and before the template check, in ThroughputLimiter.
public sealed class SendLimits(LimitSettings settings, SpamStrikes spam, PairRateLimiter pairs, MessagingLimitTracker reach)
{
    public LimitDecision Check(Business business, string phoneNumberId, string customerKey, bool businessInitiated)
    {
        if (spam.TryStrike(phoneNumberId))
        {
            return new LimitDecision(MetaErrors.SpamRateLimitHit(), PolicyErrorDelivery.Response);
        }
        if (settings.EnforcePairRate && !pairs.TryTake(phoneNumberId, customerKey, settings.PairRateIntervalMs, settings.PairRateBurst))
        {
            return new LimitDecision(MetaErrors.PairRateLimitHit(), PolicyErrorDelivery.Response);
        }
        if (businessInitiated && settings.EnforceMessagingLimit &&
            MessagingTiers.TryParse(settings.TierFor(business.WabaId), out var limit) &&
            !reach.TryReach(business.WabaId, customerKey, limit))
        {
            var error = MetaErrors.ForCode(settings.MessagingLimitErrorCode, null) with
            {
                Details = $"Message failed to send because this business reached its messaging limit of {limit} unique customers in a moving 24-hour period.",
            };
            return new LimitDecision(error, settings.MessagingLimitDelivery);
        }
        return LimitDecision.Pass;
    }
}

public sealed record LimitDecision(MetaError? Error, PolicyErrorDelivery Delivery)
{
    public static LimitDecision Pass { get; } = new(null, PolicyErrorDelivery.Response);
}
