using WhatsAppGenesys.Contracts.Meta;

namespace WhatsAppGenesys.InboundTransformer.Mapping;

/// <summary>A customer message with the change it came in, and its sender's contact entry.</summary>
public sealed record InboundItem(MetaChangeValue Change, MetaMessage Message, MetaContact? Contact)
{
    public string? PhoneNumberId => Change.Metadata?.PhoneNumberId;
}

/// <summary>A status of one of our sends, with the change it came in.</summary>
public sealed record StatusItem(MetaChangeValue Change, MetaStatus Status)
{
    public string? PhoneNumberId => Change.Metadata?.PhoneNumberId;
}

/// <summary>
/// Walks every entry, change, message and status of a webhook. Meta batches, so taking only <c>[0]</c> loses
/// messages.
/// </summary>
public static class MetaWebhookReader
{
    public static IEnumerable<InboundItem> Messages(MetaWebhookEnvelope envelope) =>
        from change in Changes(envelope)
        from message in change.Messages ?? []
        select new InboundItem(change, message, SenderOf(message, change.Contacts));

    public static IEnumerable<StatusItem> Statuses(MetaWebhookEnvelope envelope) =>
        from change in Changes(envelope)
        from status in change.Statuses ?? []
        select new StatusItem(change, status);

    /// <summary>Changes that carry only <c>errors</c> (e.g. a rate-limit notice): to alert on, not to map.</summary>
    public static IEnumerable<MetaChangeValue> ErrorOnlyChanges(MetaWebhookEnvelope envelope) =>
        Changes(envelope).Where(c => c.Errors is { Count: > 0 } && c.Messages is not { Count: > 0 }
            && c.Statuses is not { Count: > 0 });

    /// <summary>The contact matching the message's phone number or BSUID; a lone contact otherwise.</summary>
    public static MetaContact? SenderOf(MetaMessage message, IReadOnlyList<MetaContact>? contacts)
    {
        if (contacts is null or { Count: 0 })
        {
            return null;
        }
        return contacts.FirstOrDefault(c =>
                   (c.WaId is not null && c.WaId == message.From)
                   || (c.UserId is not null && c.UserId == message.FromUserId))
               ?? (contacts.Count == 1 ? contacts[0] : null);
    }

    private static IEnumerable<MetaChangeValue> Changes(MetaWebhookEnvelope envelope) =>
        from entry in envelope.Entry ?? []
        from change in entry.Changes ?? []
        where change.Value is not null
        select change.Value;
}
