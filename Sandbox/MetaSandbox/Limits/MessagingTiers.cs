using System.Globalization;

namespace WhatsAppGenesys.MetaSandbox.Limits;

// Meta's messaging-limit tiers: unique customers a business may reach with business-initiated messages in a moving
// 24 hours. TIER_2K is today's second step; TIER_1K is the older per-number step, kept for callers that still use it.
public static class MessagingTiers
{
    public const string Unlimited = "TIER_UNLIMITED";

    // limit is null for TIER_UNLIMITED; a plain number is taken as the limit itself.
    public static bool TryParse(string? tier, out long? limit)
    {
        limit = (tier ?? "").Trim().ToUpperInvariant() switch
        {
            "TIER_250" => 250,
            "TIER_1K" => 1_000,
            "TIER_2K" => 2_000,
            "TIER_10K" => 10_000,
            "TIER_100K" => 100_000,
            Unlimited or "UNLIMITED" => null,
            var number when long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 => value,
            _ => -1,
        };
        return limit != -1;
    }
}
