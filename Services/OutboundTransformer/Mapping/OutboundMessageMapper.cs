using WhatsAppGenesys.Contracts.Genesys;
using WhatsAppGenesys.Contracts.Meta;

namespace WhatsAppGenesys.OutboundTransformer.Mapping;

/// <summary>
/// A Genesys outbound webhook payload → the WhatsApp <c>/messages</c> requests that deliver it (docs/outbound.md).
/// Pure: the clock, the customer's last message and the re-hosted attachment come in the context.
/// Every request carries the Genesys message id in <c>biz_opaque_callback_data</c>, so its statuses lead back to it.
/// </summary>
public static class OutboundMessageMapper
{
    public static OutboundPlan Map(GenesysOutboundMessage message, OutboundMappingContext context) =>
        message.Type switch
        {
            GenesysMessageType.Receipt => new OutboundPlan.Ignore("Receipts about customer messages need no WhatsApp request."),
            GenesysMessageType.Event => Typing(message, context),
            GenesysMessageType.Text or GenesysMessageType.Structured => Message(message, context),
            _ => new OutboundPlan.Reject(GenesysReasonCode.UnsupportedMessage,
                "This kind of Genesys message cannot be sent to WhatsApp."),
        };

    private static OutboundPlan Typing(GenesysOutboundMessage message, OutboundMappingContext context)
    {
        if (message.Events?.Any(e => e.EventType == GenesysEventType.Typing) != true)
        {
            return new OutboundPlan.Ignore("Only typing events have a WhatsApp equivalent.");
        }
        return context.LastCustomerMessageId is { Length: > 0 } wamid
            ? new OutboundPlan.MarkAsRead(new MetaMarkAsReadRequest
            {
                MessageId = wamid, TypingIndicator = new MetaTypingIndicator(),
            })
            : new OutboundPlan.Ignore("No customer message to show the typing indicator on.");
    }

    private static OutboundPlan Message(GenesysOutboundMessage message, OutboundMappingContext context)
    {
        if (WhatsAppAddress.From(message.Channel?.To) is not { } address)
        {
            return new OutboundPlan.Reject(GenesysReasonCode.InvalidDestination,
                "The recipient is not a WhatsApp phone number or user id.");
        }
        var content = message.Content ?? [];
        if (content.FirstOrDefault(c => c.ContentType == GenesysContentType.Notification)?.Template is { } template)
        {
            return Template(message, template, address, context);
        }
        if (CustomerServiceWindow.Check(context.LastCustomerMessageAt, context.Now) is { } expired)
        {
            return expired;
        }
        var quickReplies = content.Where(c => c.ContentType == GenesysContentType.QuickReply && c.QuickReply is not null)
            .Select(c => c.QuickReply!).ToList();
        if (quickReplies.Count > 0)
        {
            return QuickReplies(message, quickReplies, address);
        }
        if (content.FirstOrDefault(c => c.Attachment is not null)?.Attachment is { } attachment)
        {
            return Attachment(message, attachment, address, context);
        }
        if (content.FirstOrDefault() is { } other)
        {
            return new OutboundPlan.Reject(GenesysReasonCode.UnsupportedMessage,
                $"WhatsApp messages cannot carry {other.ContentType} content.");
        }
        return string.IsNullOrWhiteSpace(message.Text)
            ? new OutboundPlan.Reject(GenesysReasonCode.InvalidMessageStructure, "The message is empty.")
            : new OutboundPlan.Send(TextRequests(message, address, message.Text));
    }

    private static OutboundPlan Template(GenesysOutboundMessage message, GenesysNotificationTemplate template,
        WhatsAppAddress address, OutboundMappingContext context)
    {
        // No window check: templates are exactly what WhatsApp allows outside it.
        var (mapped, rejection) = TemplateMapper.Map(template, context.DefaultTemplateLanguage, context.Media);
        return rejection ?? (OutboundPlan)new OutboundPlan.Send(
            [Request(message, address, MetaSendTypes.Template) with { Template = mapped }]);
    }

    private static OutboundPlan QuickReplies(GenesysOutboundMessage message, IReadOnlyList<GenesysQuickReply> replies,
        WhatsAppAddress address)
    {
        var (mapped, rejection) = QuickReplyMapper.Map(message.Text, replies);
        if (rejection is not null)
        {
            return rejection;
        }
        var requests = mapped!.LeadingText.Select(piece => TextRequest(message, address, piece)).ToList();
        requests.Add(Request(message, address, MetaSendTypes.Interactive) with { Interactive = mapped.Interactive });
        return new OutboundPlan.Send(requests);
    }

    private static OutboundPlan Attachment(GenesysOutboundMessage message, GenesysAttachment attachment,
        WhatsAppAddress address, OutboundMappingContext context)
    {
        var caption = FirstNonEmpty(message.Text, attachment.Text);
        if (attachment.MediaType == GenesysMediaType.Link)
        {
            var text = caption is null ? attachment.Url ?? "" : $"{caption}\n{attachment.Url}";
            return new OutboundPlan.Send(TextRequests(message, address, text));
        }
        var (form, rejection) = OutboundMedia.Check(attachment.MediaType, context.Media?.Mime ?? attachment.Mime,
            context.Media?.Size ?? attachment.ContentSizeBytes);
        if (rejection is not null)
        {
            return rejection;
        }
        if (context.Media is null)
        {
            return new OutboundPlan.Reject(GenesysReasonCode.GeneralError,
                "The attachment could not be prepared for WhatsApp.");
        }
        return new OutboundPlan.Send(MediaRequests(message, address, form!, context.Media.Link, attachment, caption));
    }

    // Captions fit image, video and document up to 1024 characters; otherwise the text follows as its own message.
    private static List<MetaSendMessageRequest> MediaRequests(GenesysOutboundMessage message, WhatsAppAddress address,
        MediaSendForm form, string link, GenesysAttachment attachment, string? caption)
    {
        var captionFits = caption is { Length: <= 1024 } && form.SendType != MetaSendTypes.Audio;
        var media = new MetaSendMedia
        {
            Link = link,
            Caption = captionFits ? caption : null,
            Filename = form.SendType == MetaSendTypes.Document ? attachment.Filename : null,
            Voice = form.Voice ? true : null,
        };
        var request = Request(message, address, form.SendType) with
        {
            Image = form.SendType == MetaSendTypes.Image ? media : null,
            Video = form.SendType == MetaSendTypes.Video ? media : null,
            Audio = form.SendType == MetaSendTypes.Audio ? media : null,
            Document = form.SendType == MetaSendTypes.Document ? media : null,
        };
        var requests = new List<MetaSendMessageRequest> { request };
        if (caption is not null && !captionFits)
        {
            requests.AddRange(TextRequests(message, address, caption));
        }
        return requests;
    }

    private static List<MetaSendMessageRequest> TextRequests(GenesysOutboundMessage message, WhatsAppAddress address,
        string text) =>
        TextSplitter.Split(text).Select(piece => TextRequest(message, address, piece)).ToList();

    private static MetaSendMessageRequest TextRequest(GenesysOutboundMessage message, WhatsAppAddress address,
        string text) =>
        Request(message, address, MetaSendTypes.Text) with
        {
            Text = new MetaSendText { Body = text, PreviewUrl = HasLink(text) ? true : null },
        };

    private static MetaSendMessageRequest Request(GenesysOutboundMessage message, WhatsAppAddress address,
        string type) => new()
    {
        To = address.To,
        Recipient = address.Recipient,
        Type = type,
        BizOpaqueCallbackData = string.IsNullOrEmpty(message.Id) ? null : message.Id,
    };

    private static bool HasLink(string text) =>
        text.Contains("https://", StringComparison.OrdinalIgnoreCase)
        || text.Contains("http://", StringComparison.OrdinalIgnoreCase);

    private static string? FirstNonEmpty(params string?[] values) =>
        values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
}
