namespace WhatsAppGenesys.PortalService.Contacts;

/// <summary>
/// A contact's own data, checked and normalised (E.164 number, tags lower-case), whether it came from the API or from a
/// CSV row. Errors are keyed by field (<c>phone</c>, <c>bsuid</c>, <c>name</c>, <c>attributes</c>, <c>tags</c>), the
/// names the API's JSON and the import's columns share.
/// </summary>
public sealed record ContactDraft(string? PhoneNumber, string? Bsuid, string? Name, Dictionary<string, string> Attributes, List<string> Tags)
{
    public static ContactDraftResult Create(
        string? phone,
        string? bsuid,
        string? name,
        IReadOnlyDictionary<string, string>? attributes,
        IReadOnlyList<string>? tags,
        string? defaultCountryCode)
    {
        var errors = new Dictionary<string, string[]>();
        phone = Blank(phone);
        bsuid = Blank(bsuid);
        string? e164 = null;
        if (phone is null && bsuid is null)
        {
            errors["phone"] = ["A phone number or a BSUID is required."];
        }
        if (phone is not null)
        {
            var number = PhoneNumbers.Normalize(phone, defaultCountryCode);
            if (number.IsValid)
            {
                e164 = number.E164;
            }
            else
            {
                errors["phone"] = [Sentence(number.Error!)];
            }
        }
        if (bsuid is not null && !Bsuids.IsValid(bsuid))
        {
            errors["bsuid"] = [$"'{bsuid}' is not a BSUID (country, a dot, then the id, e.g. US.13491208655302741918)."];
        }
        if (ContactRules.CheckName(name) is { } nameError)
        {
            errors["name"] = [Sentence(nameError)];
        }
        if (ContactRules.CheckAttributes(attributes) is { } attributeError)
        {
            errors["attributes"] = [Sentence(attributeError)];
        }
        if (ContactRules.CheckTags(tags) is { } tagError)
        {
            errors["tags"] = [Sentence(tagError)];
        }
        return errors.Count > 0
            ? new ContactDraftResult(null, errors)
            : new ContactDraftResult(
                new ContactDraft(e164, bsuid, Blank(name), attributes?.ToDictionary(a => a.Key, a => a.Value) ?? [], ContactRules.NormalizeTags(tags)),
                errors);
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string Sentence(string text) => char.ToUpperInvariant(text[0]) + text[1..] + (text.EndsWith('.') ? "" : ".");
}

/// <summary>A valid <see cref="Draft"/>, or the <see cref="Errors"/> by field.</summary>
public sealed record ContactDraftResult(ContactDraft? Draft, Dictionary<string, string[]> Errors);
