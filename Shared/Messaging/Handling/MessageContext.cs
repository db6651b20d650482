namespace WhatsAppGenesys.Messaging.Handling;

/// <summary>
/// One delivery as a handler sees it. Idempotency is the handler's job (the state manager's ledger): the message id,
/// attempt number, first-seen time and <see cref="IsRedelivery"/> are here to make that check cheap.
/// </summary>
public sealed class MessageContext
{
    public required string Pipeline { get; init; }

    public required int Partition { get; init; }

    /// <summary>The publisher's stable id (e.g. the wamid or the Genesys message id).</summary>
    public required string MessageId { get; init; }

    /// <summary>The key messages are ordered by (e.g. <c>{tenantId}:{customerId}</c>).</summary>
    public required string OrderingKey { get; init; }

    /// <summary>The publisher's message type (AMQP <c>type</c> property), empty when not set.</summary>
    public required string Type { get; init; }

    /// <summary>1 for the first attempt, 2 for the first retry, …</summary>
    public required int Attempt { get; init; }

    /// <summary>When the message was first published (kept across retries and replays).</summary>
    public required DateTimeOffset FirstSeen { get; init; }

    /// <summary>
    /// The message may have been handled (fully or partly) before: the broker redelivered it after a crash or a lost
    /// connection, or this is a retry. Check the ledger before doing anything visible twice.
    /// </summary>
    public required bool IsRedelivery { get; init; }

    /// <summary>The raw body. Owned by this context; valid for as long as the handler keeps the context.</summary>
    public required ReadOnlyMemory<byte> Body { get; init; }

    /// <summary>All AMQP headers of the delivery (string values arrive as UTF-8 byte arrays).</summary>
    public IDictionary<string, object?>? Headers { get; init; }

    /// <summary>Set by the handler once it knows the tenant, so metrics of this message carry <c>tenant.id</c>.</summary>
    public string? TenantId { get; set; }
}
