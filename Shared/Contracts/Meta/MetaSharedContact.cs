using System.Text.Json.Serialization;

namespace WhatsAppGenesys.Contracts.Meta;

/// <summary>A contact card the customer shared.</summary>
public sealed record MetaSharedContact
{
    [JsonPropertyName("name")]
    public MetaContactName? Name { get; init; }

    [JsonPropertyName("phones")]
    public IReadOnlyList<MetaContactPhone>? Phones { get; init; }

    [JsonPropertyName("emails")]
    public IReadOnlyList<MetaContactEmail>? Emails { get; init; }

    [JsonPropertyName("org")]
    public MetaContactOrg? Org { get; init; }

    [JsonPropertyName("addresses")]
    public IReadOnlyList<MetaContactAddress>? Addresses { get; init; }

    [JsonPropertyName("urls")]
    public IReadOnlyList<MetaContactUrl>? Urls { get; init; }

    [JsonPropertyName("birthday")]
    public string? Birthday { get; init; }
}

public sealed record MetaContactName
{
    [JsonPropertyName("formatted_name")]
    public string? FormattedName { get; init; }

    [JsonPropertyName("first_name")]
    public string? FirstName { get; init; }

    [JsonPropertyName("last_name")]
    public string? LastName { get; init; }

    [JsonPropertyName("middle_name")]
    public string? MiddleName { get; init; }

    [JsonPropertyName("prefix")]
    public string? Prefix { get; init; }

    [JsonPropertyName("suffix")]
    public string? Suffix { get; init; }
}

public sealed record MetaContactPhone
{
    [JsonPropertyName("phone")]
    public string? Phone { get; init; }

    [JsonPropertyName("wa_id")]
    public string? WaId { get; init; }

    [JsonPropertyName("type")]
    public string? Type { get; init; }
}

public sealed record MetaContactEmail
{
    [JsonPropertyName("email")]
    public string? Email { get; init; }

    [JsonPropertyName("type")]
    public string? Type { get; init; }
}

public sealed record MetaContactOrg
{
    [JsonPropertyName("company")]
    public string? Company { get; init; }

    [JsonPropertyName("department")]
    public string? Department { get; init; }

    [JsonPropertyName("title")]
    public string? Title { get; init; }
}

public sealed record MetaContactAddress
{
    [JsonPropertyName("street")]
    public string? Street { get; init; }

    [JsonPropertyName("city")]
    public string? City { get; init; }

    [JsonPropertyName("state")]
    public string? State { get; init; }

    [JsonPropertyName("zip")]
    public string? Zip { get; init; }

    [JsonPropertyName("country")]
    public string? Country { get; init; }

    [JsonPropertyName("country_code")]
    public string? CountryCode { get; init; }

    [JsonPropertyName("type")]
    public string? Type { get; init; }
}

public sealed record MetaContactUrl
{
    [JsonPropertyName("url")]
    public string? Url { get; init; }

    [JsonPropertyName("type")]
    public string? Type { get; init; }
}
