namespace WhatsAppGenesys.RcsApi.Data;

/// <summary>One message sent through the RCS send API and what the provider answered.</summary>
public sealed class RcsResponseRow
{
    public long Id { get; set; }

    public required string TenantId { get; set; }

    /// <summary>Our id of the message (a UUID, RBM's <c>messageId</c>), accepted or not.</summary>
    public required string MessageId { get; set; }

    public string? IdempotencyKey { get; set; }

    public required string AgentId { get; set; }

    /// <summary>The customer's number, E.164.</summary>
    public required string Recipient { get; set; }

    /// <summary>text, file or richCard.</summary>
    public required string MessageType { get; set; }

    /// <summary><see cref="RcsMessageStatuses"/>: accepted or failed, then delivered and read as the phone reports them.</summary>
    public required string Status { get; set; }

    /// <summary>The provider's HTTP status.</summary>
    public int HttpStatus { get; set; }

    /// <summary>Google's status name (NOT_FOUND, RESOURCE_EXHAUSTED…) or ours when the provider was not reached.</summary>
    public string? ErrorCode { get; set; }

    public string? ErrorMessage { get; set; }

    /// <summary>The provider's raw answer to the send.</summary>
    public string? Response { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the phone last reported on the message (RBM's sendTime of the DELIVERED or READ event).</summary>
    public DateTimeOffset? UpdatedAt { get; set; }
}
