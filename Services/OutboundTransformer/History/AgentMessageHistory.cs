using WhatsAppGenesys.Contracts;
using WhatsAppGenesys.Contracts.Events;
using WhatsAppGenesys.Contracts.Genesys;
using WhatsAppGenesys.Contracts.Meta;
using WhatsAppGenesys.Contracts.State;
using WhatsAppGenesys.OutboundTransformer.Mapping;

namespace WhatsAppGenesys.OutboundTransformer.History;

/// <summary>
/// An agent's message as the conversation history records it: one event per WhatsApp message Meta accepted, built
/// from the request we sent (what the customer actually got) and the Genesys payload (who wrote it, when).
/// </summary>
public static class AgentMessageHistory
{
    /// <param name="request">The body we sent Meta for this part.</param>
    /// <param name="partId">The Genesys message id, with <c>#2</c>… for later parts of a split message.</param>
    /// <param name="media">The re-hosted attachment, when this part carries it.</param>
    public static ConversationMessageRecorded Describe(string tenantId, ConversationMapping mapping, GenesysOutboundMessage message,
        MetaSendMessageRequest request, string wamid, string partId, HostedMedia? media, DateTimeOffset occurredAt, string? archiveKey)
    {
        var (agentId, agentName) = Agent(message);
        return new ConversationMessageRecorded(
            tenantId,
            mapping.ConversationId,
            mapping.CustomerId,
            mapping.WaId,
            mapping.Bsuid,
            mapping.PhoneNumberId,
            HistoryDirections.Outbound,
            wamid,
            partId,
            request.Type,
            TextOf(request, message),
            MediaOf(request, media),
            TemplateOf(request),
            request.Reaction is { } reaction ? new HistoryReaction(reaction.Emoji, reaction.MessageId) : null,
            request.Context?.MessageId,
            CustomerName: mapping.ContactName,
            agentId,
            agentName,
            occurredAt,
            archiveKey);
    }

    /// <summary>Who wrote it, as Genesys's <c>channel.from</c> says (the same for every channel).</summary>
    public static (string? Id, string? Name) Agent(GenesysOutboundMessage message)
    {
        var from = message.Channel?.From;
        var name = from?.Nickname ?? (string.Join(' ', new[] { from?.FirstName, from?.LastName }.Where(n => !string.IsNullOrWhiteSpace(n))) is { Length: > 0 } full ? full : null);
        return (from is { Id: { Length: > 0 } id } ? id : null, name);
    }

    /// <summary>Does this part carry the message's file (an attachment, or a template's header media)?</summary>
    public static bool CarriesMedia(MetaSendMessageRequest request) => SentMedia(request) is not null || request.Template is not null;

    private static string? TextOf(MetaSendMessageRequest request, GenesysOutboundMessage message) => request.Type switch
    {
        MetaSendTypes.Text => request.Text?.Body,
        MetaSendTypes.Interactive => request.Interactive?.Body.Text,
        // The body as the agent saw it rendered; Meta fills the same parameters into the approved template.
        MetaSendTypes.Template => message.Content?.Select(c => c.Template?.Body?.Text).FirstOrDefault(t => !string.IsNullOrWhiteSpace(t)),
        _ => null,
    };

    private static HistoryMedia? MediaOf(MetaSendMessageRequest request, HostedMedia? media) =>
        media is { ObjectKey: { } key }
            ? new HistoryMedia(Buckets.MediaOutbound, key, media.Mime, SentMedia(request)?.Filename, SentMedia(request)?.Caption, media.Size)
            : null;

    private static HistoryTemplate? TemplateOf(MetaSendMessageRequest request) =>
        request.Template is { } template
            ? new HistoryTemplate(template.Name, template.Language.Code,
                (template.Components ?? []).Where(c => c.Type == "body").SelectMany(c => c.Parameters).Select(p => p.Text ?? p.Payload ?? "").ToList())
            : null;

    private static MetaSendMedia? SentMedia(MetaSendMessageRequest request) =>
        request.Image ?? request.Video ?? request.Audio ?? request.Document ?? request.Sticker;
}
