using WhatsAppGenesys.PortalService.Contacts;

namespace WhatsAppGenesys.PortalService.Lists;

/// <summary>
/// Body of create and replace. A list with <see cref="Tags"/> or <see cref="Attributes"/> is dynamic (its members are
/// whoever matches); one without is static (members are added to it). <see cref="Kind"/>, when given, must agree.
/// </summary>
public sealed record ListRequest(string? Name, string? Kind, List<string>? Tags, Dictionary<string, string>? Attributes)
{
    public const int MaxNameLength = 200;

    public Dictionary<string, string[]> Validate(out string kind)
    {
        var errors = new Dictionary<string, string[]>();
        var filtered = Tags is { Count: > 0 } || Attributes is { Count: > 0 };
        kind = Kind ?? (filtered ? ContactListKinds.Dynamic : ContactListKinds.Static);
        if (string.IsNullOrWhiteSpace(Name) || Name.Trim().Length > MaxNameLength)
        {
            errors["name"] = [$"Between 1 and {MaxNameLength} characters."];
        }
        if (kind is not (ContactListKinds.Static or ContactListKinds.Dynamic))
        {
            errors["kind"] = [$"'{kind}' is neither {ContactListKinds.Static} nor {ContactListKinds.Dynamic}."];
        }
        else if (kind == ContactListKinds.Dynamic && !filtered)
        {
            errors["kind"] = ["A dynamic list needs tags or attributes to match."];
        }
        else if (kind == ContactListKinds.Static && filtered)
        {
            errors["kind"] = ["A static list has members, not tags or attributes to match."];
        }
        if (ContactRules.CheckTags(Tags) is { } tagError)
        {
            errors["tags"] = [tagError];
        }
        if (ContactRules.CheckAttributes(Attributes) is { } attributeError)
        {
            errors["attributes"] = [attributeError];
        }
        return errors;
    }
}

/// <summary>Body of adding members to a static list.</summary>
public sealed record ListMembersRequest(List<Guid>? ContactIds)
{
    public const int MaxPerRequest = 1000;
}

/// <summary>A list as the API shows it.</summary>
public sealed record ListView(Guid Id, string Name, string Kind, IReadOnlyList<string> Tags, IReadOnlyDictionary<string, string> Attributes,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static ListView Of(ContactList l) => new(l.Id, l.Name, l.Kind, l.FilterTags, l.FilterAttributes, l.CreatedAt, l.UpdatedAt);
}
