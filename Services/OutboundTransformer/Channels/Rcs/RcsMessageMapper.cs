using System.Text.Json;
using WhatsAppGenesys.Contracts.Genesys;
using WhatsAppGenesys.Contracts.Providers;
using WhatsAppGenesys.OutboundTransformer.Mapping;

namespace WhatsAppGenesys.OutboundTransformer.Channels.Rcs;

/// <summary>
/// A Genesys outbound message → the RCS messages that deliver it, in order (pure: the re-hosted attachment comes in).
/// The body is the text (split at RBM's 3072 characters, as WhatsApp's at 4096), a file by URL (the attachment, its
/// caption following as text), a rich card or a carousel (the message text before it); quick replies become suggested
/// replies on the last message. Templates, date pickers and the like have no RCS form and are refused with the reason.
/// </summary>
public static class RcsMessageMapper
{
    public const string DefaultQuestion = QuickReplyMapper.DefaultBody;

    public static (IReadOnlyList<SendRcsMessageRequest>? Messages, OutboundPlan.Reject? Rejection) Map(
        GenesysOutboundMessage message, string msisdn, HostedMedia? media)
    {
        if (message.Type is not (GenesysMessageType.Text or GenesysMessageType.Structured))
        {
            return Refuse(GenesysReasonCode.UnsupportedMessage, $"a Genesys {message.Type} message has no RCS form.");
        }
        var content = message.Content ?? [];
        if (content.FirstOrDefault(c => c.ContentType is not (GenesysContentType.QuickReply or GenesysContentType.Attachment
                or GenesysContentType.Card or GenesysContentType.Carousel)) is { } other)
        {
            return Refuse(GenesysReasonCode.UnsupportedMessage, other.ContentType == GenesysContentType.Notification
                ? "WhatsApp message templates have no RCS equivalent; send the text itself."
                : $"RCS messages cannot carry {other.ContentType} content.");
        }

        if (content.Count(c => c.Card is not null || c.Carousel is not null || c.Attachment is not null) > 1)
        {
            // Which one the agent meant to go is not ours to guess, and sending one would drop the others unseen.
            return Refuse(GenesysReasonCode.InvalidMessageStructure, "a message can carry one card, carousel or attachment; this one has several.");
        }

        var messages = new List<SendRcsMessageRequest>();
        var text = string.IsNullOrWhiteSpace(message.Text) ? null : message.Text;
        if (content.FirstOrDefault(c => c.Card is not null || c.Carousel is not null) is { } rich)
        {
            var (card, rejection) = RichCard(rich);
            if (rejection is not null)
            {
                return (null, rejection);
            }
            messages.AddRange(Texts(msisdn, text));
            messages.Add(new SendRcsMessageRequest(msisdn, RichCard: JsonSerializer.SerializeToElement(card)));
        }
        else if (content.FirstOrDefault(c => c.Attachment is not null)?.Attachment is { } attachment)
        {
            var caption = string.IsNullOrWhiteSpace(attachment.Text) ? text : text is null ? attachment.Text : $"{text}\n{attachment.Text}";
            if (attachment.MediaType == GenesysMediaType.Link)
            {
                messages.AddRange(Texts(msisdn, caption is null ? attachment.Url : $"{caption}\n{attachment.Url}"));
            }
            else if (media is null)
            {
                return Refuse(GenesysReasonCode.GeneralError, "the attachment could not be prepared for RCS.");
            }
            else
            {
                messages.Add(new SendRcsMessageRequest(msisdn, File: new RcsFile(media.Link)));
                messages.AddRange(Texts(msisdn, caption));
            }
        }
        else
        {
            messages.AddRange(Texts(msisdn, text));
        }

        var replies = content.Where(c => c.ContentType == GenesysContentType.QuickReply && c.QuickReply is not null).Select(c => c.QuickReply!).ToList();
        if (replies.Count > 0)
        {
            var (suggestions, rejection) = RcsSuggestions.FromQuickReplies(replies);
            if (rejection is not null)
            {
                return (null, rejection);
            }
            if (messages.Count == 0)
            {
                messages.Add(new SendRcsMessageRequest(msisdn, DefaultQuestion));
            }
            messages[^1] = messages[^1] with { Suggestions = suggestions };
        }
        return messages.Count == 0 ? Refuse(GenesysReasonCode.InvalidMessageStructure, "the message is empty.") : (messages, null);
    }

    private static (System.Text.Json.Nodes.JsonObject? Card, OutboundPlan.Reject? Rejection) RichCard(GenesysOutboundContent rich)
    {
        try
        {
            if (rich.Card is { } card)
            {
                return RcsCardMapper.Standalone(card.Deserialize<GenesysCard>() ?? new GenesysCard());
            }
            var cards = rich.Carousel!.Value.Deserialize<GenesysCarousel>()?.Cards ?? [];
            return RcsCardMapper.Carousel(cards);
        }
        catch (JsonException)
        {
            return (null, new OutboundPlan.Reject(GenesysReasonCode.InvalidMessageStructure, "Not sent over RCS: the card could not be read."));
        }
    }

    private static IEnumerable<SendRcsMessageRequest> Texts(string msisdn, string? text) =>
        string.IsNullOrWhiteSpace(text) ? [] : TextSplitter.Split(text, RbmLimits.TextLength).Select(piece => new SendRcsMessageRequest(msisdn, piece));

    private static (IReadOnlyList<SendRcsMessageRequest>?, OutboundPlan.Reject?) Refuse(GenesysReasonCode reason, string message) =>
        (null, new OutboundPlan.Reject(reason, $"Not sent over RCS: {message}"));
}
