namespace WhatsAppGenesys.PortalService.Contacts;

/// <summary>A contact as the API shows it.</summary>
public sealed record ContactView(
    Guid Id,
    string? Phone,
    string? Bsuid,
    string? Name,
    IReadOnlyDictionary<string, string> Attributes,
    IReadOnlyList<string> Tags,
    ConsentView Consent,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static ContactView Of(Contact c) => new(c.Id, c.PhoneNumber, c.Bsuid, c.Name, c.Attributes, c.Tags,
        new ConsentView(c.ConsentStatus, c.ConsentSource, c.ConsentChangedAt), c.CreatedAt, c.UpdatedAt);
}

/// <summary>Whether the contact accepts marketing, what last decided it and when.</summary>
public sealed record ConsentView(string Status, string Source, DateTimeOffset ChangedAt);

/// <summary>Body of create and replace: a phone number (E.164, or national with <see cref="DefaultCountryCode"/>) and/or a BSUID, and the rest.</summary>
public sealed record ContactRequest(
    string? Phone,
    string? Bsuid,
    string? Name,
    Dictionary<string, string>? Attributes,
    List<string>? Tags,
    string? DefaultCountryCode = null);
