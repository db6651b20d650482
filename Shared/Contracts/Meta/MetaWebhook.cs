using System.Text.Json.Serialization;

namespace WhatsAppGenesys.Contracts.Meta;

/// <summary>
/// A WhatsApp Cloud API webhook notification: <c>{"object":"whatsapp_business_account","entry":[…]}</c>.
/// Meta batches: every entry, change, message and status must be visited, never only <c>[0]</c>.
/// Lists are nullable because Meta omits what a notification does not carry.
/// </summary>
public sealed record MetaWebhookEnvelope
{
    [JsonPropertyName("object")]
    public string? Object { get; init; }

    [JsonPropertyName("entry")]
    public IReadOnlyList<MetaWebhookEntry>? Entry { get; init; }
}

public sealed record MetaWebhookEntry
{
    /// <summary>The WhatsApp Business Account id.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    [JsonPropertyName("changes")]
    public IReadOnlyList<MetaWebhookChange>? Changes { get; init; }
}

public sealed record MetaWebhookChange
{
    /// <summary>"messages" for messages, statuses and errors.</summary>
    [JsonPropertyName("field")]
    public string? Field { get; init; }

    [JsonPropertyName("value")]
    public MetaChangeValue? Value { get; init; }
}

/// <summary>One change: inbound messages (+ contacts), statuses of our sends, or out-of-band errors.</summary>
public sealed record MetaChangeValue
{
    [JsonPropertyName("messaging_product")]
    public string? MessagingProduct { get; init; }

    [JsonPropertyName("metadata")]
    public MetaBusinessMetadata? Metadata { get; init; }

    [JsonPropertyName("contacts")]
    public IReadOnlyList<MetaContact>? Contacts { get; init; }

    /// <summary>Each message keeps its raw JSON (<see cref="MetaMessage.Raw"/>) so unknown types are never lost.</summary>
    [JsonPropertyName("messages")]
    [JsonConverter(typeof(MetaMessageListConverter))]
    public IReadOnlyList<MetaMessage>? Messages { get; init; }

    [JsonPropertyName("statuses")]
    public IReadOnlyList<MetaStatus>? Statuses { get; init; }

    [JsonPropertyName("errors")]
    public IReadOnlyList<MetaError>? Errors { get; init; }
}

public sealed record MetaBusinessMetadata
{
    [JsonPropertyName("display_phone_number")]
    public string? DisplayPhoneNumber { get; init; }

    /// <summary>The business number: our tenant routing key.</summary>
    [JsonPropertyName("phone_number_id")]
    public string? PhoneNumberId { get; init; }
}

/// <summary>
/// The sender of inbound messages. Since 2026 Meta adds business-scoped user ids (BSUID, <c>user_id</c>); for users
/// with a username <c>wa_id</c> (the phone number) can be missing.
/// </summary>
public sealed record MetaContact
{
    [JsonPropertyName("profile")]
    public MetaProfile? Profile { get; init; }

    [JsonPropertyName("wa_id")]
    public string? WaId { get; init; }

    [JsonPropertyName("user_id")]
    public string? UserId { get; init; }

    [JsonPropertyName("parent_user_id")]
    public string? ParentUserId { get; init; }
}

public sealed record MetaProfile
{
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    [JsonPropertyName("username")]
    public string? Username { get; init; }
}

/// <summary>
/// An error object as Meta puts it in <c>value.errors</c>, <c>messages[].errors</c> and <c>statuses[].errors</c>.
/// Some producers put <c>details</c> directly on the error instead of in <c>error_data</c>; both are kept.
/// </summary>
public sealed record MetaError
{
    [JsonPropertyName("code")]
    public int Code { get; init; }

    [JsonPropertyName("title")]
    public string? Title { get; init; }

    [JsonPropertyName("message")]
    public string? Message { get; init; }

    [JsonPropertyName("error_data")]
    public MetaErrorData? ErrorData { get; init; }

    [JsonPropertyName("details")]
    public string? Details { get; init; }

    [JsonPropertyName("href")]
    public string? Href { get; init; }

    /// <summary>The most specific human text Meta gave.</summary>
    [JsonIgnore]
    public string? BestDetails => ErrorData?.Details ?? Details ?? Message ?? Title;
}

public sealed record MetaErrorData
{
    [JsonPropertyName("messaging_product")]
    public string? MessagingProduct { get; init; }

    [JsonPropertyName("details")]
    public string? Details { get; init; }
}
