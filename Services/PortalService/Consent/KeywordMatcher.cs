using WhatsAppGenesys.PortalService.Settings;

namespace WhatsAppGenesys.PortalService.Consent;

public enum ConsentKeyword
{
    None,
    OptOut,
    OptIn,
}

/// <summary>Whether a customer's text is one of the tenant's keywords: the whole message, trimmed, ignoring case.</summary>
public static class KeywordMatcher
{
    public static ConsentKeyword Match(string? text, PortalSettings settings)
    {
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return ConsentKeyword.None;
        }
        if (settings.OptOutKeywords.Any(k => string.Equals(k.Trim(), trimmed, StringComparison.OrdinalIgnoreCase)))
        {
            return ConsentKeyword.OptOut;
        }
        return settings.OptInKeywords.Any(k => string.Equals(k.Trim(), trimmed, StringComparison.OrdinalIgnoreCase))
            ? ConsentKeyword.OptIn
            : ConsentKeyword.None;
    }
}
