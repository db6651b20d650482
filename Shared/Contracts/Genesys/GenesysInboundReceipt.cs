using System.Text.Json.Serialization;

namespace WhatsAppGenesys.Contracts.Genesys;

/// <summary>
/// Body of <c>…/inbound/open/receipt</c>: our delivery status for an agent's message. <see cref="Id"/> is the Genesys
/// message id from the outbound webhook. Genesys accepts only Delivered and Failed here; there is no Read.
/// </summary>
public sealed record GenesysInboundReceipt
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("channel")]
    public required GenesysReceiptChannel Channel { get; init; }

    [JsonPropertyName("status")]
    public required GenesysReceiptStatus Status { get; init; }

    [JsonPropertyName("reasons")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<GenesysReason>? Reasons { get; init; }

    [JsonPropertyName("isFinalReceipt")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? IsFinalReceipt { get; init; }

    /// <summary>Genesys's documented examples send it; the receipt is about an outbound message.</summary>
    [JsonPropertyName("direction")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public GenesysDirection? Direction { get; init; }
}

public sealed record GenesysReceiptChannel
{
    /// <summary>The customer the original message went to.</summary>
    [JsonPropertyName("to")]
    public required GenesysRecipient To { get; init; }

    [JsonPropertyName("time")]
    [JsonConverter(typeof(GenesysTimeConverter))]
    public required DateTimeOffset Time { get; init; }
}
