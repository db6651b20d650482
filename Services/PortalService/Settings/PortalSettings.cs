namespace WhatsAppGenesys.PortalService.Settings;

/// <summary>
/// What a tenant tunes about its portal: how long conversation history is kept, and the keywords by which a customer
/// opts out of (and back into) business-initiated messages, with the replies that acknowledge them. Keywords are
/// matched on the whole message, trimmed and case-insensitively, so "stop" opts out and "please stop by" does not.
/// <see cref="CampaignMessagingLimit"/> is the business's messaging-limit tier at Meta (unique customers per moving 24
/// hours); campaigns stop at it. Null: the service's default (Campaigns:DefaultMessagingLimit, Meta's first tier).
/// </summary>
public sealed record PortalSettings(
    int HistoryRetentionDays,
    IReadOnlyList<string> OptOutKeywords,
    IReadOnlyList<string> OptInKeywords,
    string OptOutAcknowledgement,
    string OptInAcknowledgement,
    int? CampaignMessagingLimit = null)
{
    /// <summary>History is kept 90 days unless the tenant says otherwise; STOP/START in English and Spanish.</summary>
    public static PortalSettings Defaults { get; } = new(
        HistoryRetentionDays: 90,
        OptOutKeywords: ["STOP", "UNSUBSCRIBE", "PARAR", "BAJA"],
        OptInKeywords: ["START", "SUBSCRIBE", "ALTA"],
        OptOutAcknowledgement: "You will no longer receive marketing messages from us. Reply START to subscribe again.",
        OptInAcknowledgement: "You are subscribed again. Reply STOP at any time to opt out.");

    public const int MaxKeywords = 20;
    public const int MaxKeywordLength = 32;
    public const int MaxAcknowledgementLength = 1024;
    public const int MaxMessagingLimit = 100_000_000;

    /// <summary>What is wrong with these settings, by field, in the shape of a validation problem.</summary>
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (HistoryRetentionDays is < 1 or > 3650)
        {
            errors["historyRetentionDays"] = ["Between 1 and 3650 days."];
        }
        CheckKeywords("optOutKeywords", OptOutKeywords, errors);
        CheckKeywords("optInKeywords", OptInKeywords, errors);
        if (OptOutKeywords is not null && OptInKeywords is not null
            && OptOutKeywords.Intersect(OptInKeywords, StringComparer.OrdinalIgnoreCase).FirstOrDefault() is { } both)
        {
            errors["optInKeywords"] = [$"'{both}' cannot both opt out and opt in."];
        }
        if (CampaignMessagingLimit is < 1 or > MaxMessagingLimit)
        {
            errors["campaignMessagingLimit"] = [$"Between 1 and {MaxMessagingLimit} unique customers, or null for the default."];
        }
        CheckText("optOutAcknowledgement", OptOutAcknowledgement, errors);
        CheckText("optInAcknowledgement", OptInAcknowledgement, errors);
        return errors;
    }

    /// <summary>Keywords as stored and matched: trimmed, upper-case, without duplicates.</summary>
    public static List<string> Normalize(IEnumerable<string> keywords) =>
        keywords.Select(k => k.Trim().ToUpperInvariant()).Distinct().ToList();

    private static void CheckKeywords(string field, IReadOnlyList<string>? keywords, Dictionary<string, string[]> errors)
    {
        if (keywords is null || keywords.Count is 0 or > MaxKeywords)
        {
            errors[field] = [$"Between 1 and {MaxKeywords} keywords."];
        }
        else if (keywords.FirstOrDefault(k => string.IsNullOrWhiteSpace(k) || k.Trim().Length > MaxKeywordLength) is { } bad)
        {
            errors[field] = [$"'{bad}': a keyword is 1 to {MaxKeywordLength} characters."];
        }
    }

    private static void CheckText(string field, string? text, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxAcknowledgementLength)
        {
            errors[field] = [$"Between 1 and {MaxAcknowledgementLength} characters."];
        }
    }
}
