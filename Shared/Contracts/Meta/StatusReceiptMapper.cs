using WhatsAppGenesys.Contracts.Genesys;

namespace WhatsAppGenesys.Contracts.Meta;

/// <summary>
/// What Genesys hears about an agent's message: WhatsApp statuses → Genesys <c>/inbound/open/receipt</c>, and
/// Failed receipts for messages we could not send at all. Genesys takes only Delivered and Failed; it has no Read.
/// </summary>
public static class StatusReceiptMapper
{
    /// <summary>
    /// The receipt for a status, or null when Genesys has nothing for it (sent, read, played…).
    /// </summary>
    /// <param name="genesysMessageId">The Genesys message id the wamid was sent for (state, or the status's
    /// <c>biz_opaque_callback_data</c>).</param>
    /// <param name="customer">The <c>channel.to</c> of the original message; derived from the status when null.</param>
    public static GenesysInboundReceipt? ToReceipt(MetaStatus status, string genesysMessageId,
        GenesysRecipient? customer = null)
    {
        var to = customer ?? CustomerOf(status);
        var time = DateTimeOffset.FromUnixTimeSeconds(status.Timestamp);
        return status.Status switch
        {
            MetaStatusValues.Delivered => Receipt(genesysMessageId, to, time, GenesysReceiptStatus.Delivered, null, false),
            MetaStatusValues.Failed => Receipt(genesysMessageId, to, time, GenesysReceiptStatus.Failed, Reasons(status), true),
            _ => null,
        };
    }

    /// <summary>A Delivered receipt, for a channel whose statuses are not Meta's (RCS's DELIVERED and READ).</summary>
    public static GenesysInboundReceipt Delivered(string genesysMessageId, GenesysRecipient customer, DateTimeOffset time) =>
        Receipt(genesysMessageId, customer, time, GenesysReceiptStatus.Delivered, null, false);

    /// <summary>A Failed receipt for a message that was never accepted by WhatsApp (a rejection or a Graph error).</summary>
    public static GenesysInboundReceipt Failed(string genesysMessageId, GenesysRecipient customer, DateTimeOffset time,
        GenesysReasonCode reason, string message) =>
        Receipt(genesysMessageId, customer, time, GenesysReceiptStatus.Failed,
            [new GenesysReason { Code = reason, Message = message }], true);

    public static GenesysInboundReceipt Failed(string genesysMessageId, GenesysRecipient customer, DateTimeOffset time,
        MetaGraphError error) =>
        Failed(genesysMessageId, customer, time, MetaErrorCatalog.Classify(error.Code).Reason,
            MetaErrorCatalog.Describe(error));

    private static List<GenesysReason> Reasons(MetaStatus status) =>
        status.Errors is { Count: > 0 } errors
            ? errors.Select(e => new GenesysReason
            {
                Code = MetaErrorCatalog.Classify(e.Code).Reason, Message = MetaErrorCatalog.Describe(e),
            }).ToList()
            : [new GenesysReason { Code = GenesysReasonCode.GeneralError, Message = "WhatsApp reported the message as failed." }];

    private static GenesysRecipient CustomerOf(MetaStatus status) =>
        status.RecipientId is { Length: > 0 } phone
            ? new GenesysRecipient { Id = phone.StartsWith('+') ? phone : "+" + phone, IdType = GenesysIdType.Phone }
            : new GenesysRecipient { Id = status.RecipientUserId ?? "", IdType = GenesysIdType.Opaque };

    private static GenesysInboundReceipt Receipt(string id, GenesysRecipient to, DateTimeOffset time,
        GenesysReceiptStatus status, IReadOnlyList<GenesysReason>? reasons, bool isFinal) => new()
    {
        Id = id,
        Channel = new GenesysReceiptChannel { To = to, Time = time },
        Status = status,
        Reasons = reasons,
        IsFinalReceipt = isFinal,
        Direction = GenesysDirection.Outbound,
    };
}
