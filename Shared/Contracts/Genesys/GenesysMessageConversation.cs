using System.Text.Json.Serialization;

namespace WhatsAppGenesys.Contracts.Genesys;

/// <summary>
/// What we read of <c>GET /api/v2/conversations/messages/{conversationId}</c> (Genesys's MessageConversation): the
/// participants, to find the customer's before disconnecting it.
/// </summary>
public sealed record GenesysMessageConversation
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("participants")]
    public IReadOnlyList<GenesysMessageParticipant> Participants { get; init; } = [];
}

public sealed record GenesysMessageParticipant
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    /// <summary><c>customer</c>, <c>agent</c>, <c>acd</c>, <c>workflow</c>…</summary>
    [JsonPropertyName("purpose")]
    public string? Purpose { get; init; }

    /// <summary><c>alerting</c>, <c>connected</c>, <c>disconnected</c>, <c>terminated</c>…</summary>
    [JsonPropertyName("state")]
    public string? State { get; init; }

    [JsonIgnore]
    public bool IsCustomer => string.Equals(Purpose, "customer", StringComparison.OrdinalIgnoreCase);

    [JsonIgnore]
    public bool HasLeft => State is { } state
        && (state.Equals("disconnected", StringComparison.OrdinalIgnoreCase) || state.Equals("terminated", StringComparison.OrdinalIgnoreCase));
}

/// <summary>Body of <c>PATCH …/participants/{participantId}</c> (Genesys's MediaParticipantRequest), as we send it.</summary>
public sealed record GenesysParticipantUpdate([property: JsonPropertyName("state")] string State)
{
    public static GenesysParticipantUpdate Disconnect { get; } = new("disconnected");
}
