using WhatsAppGenesys.PortalService.Consent;

namespace WhatsAppGenesys.PortalService.Contacts;

/// <summary>
/// The query string of <c>GET /contacts</c>: <c>tag</c> (repeatable, all must match), <c>attribute</c> (repeatable,
/// <c>key:value</c>, exact value), <c>consent</c> (<c>opted_in</c> or <c>opted_out</c>), <c>phone</c> (any format with a
/// country code), <c>bsuid</c>, <c>cursor</c> and <c>limit</c>.
/// </summary>
public static class ContactQuery
{
    public static (ContactFilter Filter, Guid? After, int Limit, Dictionary<string, string[]> Errors) Parse(
        string[]? tags, string[]? attributes, string? consent, string? phone, string? bsuid, string? cursor, int? limit)
    {
        var errors = Cursor.Check(cursor, limit, out var after);
        var attributeFilter = new Dictionary<string, string>();
        foreach (var attribute in attributes ?? [])
        {
            var colon = attribute.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                errors["attribute"] = [$"'{attribute}' is not key:value."];
                break;
            }
            attributeFilter[attribute[..colon].Trim()] = attribute[(colon + 1)..];
        }
        if (consent is not null && !ConsentStatus.IsKnown(consent))
        {
            errors["consent"] = [$"'{consent}' is neither {ConsentStatus.OptedIn} nor {ConsentStatus.OptedOut}."];
        }
        if (ContactRules.CheckTags(tags) is { } tagError)
        {
            errors["tag"] = [tagError];
        }
        var number = phone is null ? null : PhoneNumbers.Normalize(phone);
        if (number is { IsValid: false })
        {
            errors["phone"] = [number.Error!];
        }
        return (new ContactFilter(tags ?? [], attributeFilter, consent, number?.E164, bsuid), after, limit ?? Cursor.DefaultLimit, errors);
    }
}
