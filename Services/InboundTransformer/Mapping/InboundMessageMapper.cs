using WhatsAppGenesys.Contracts.Genesys;
using WhatsAppGenesys.Contracts.Meta;
using Keys = WhatsAppGenesys.InboundTransformer.Mapping.InboundMetadataKeys;

namespace WhatsAppGenesys.InboundTransformer.Mapping;

/// <summary>
/// A WhatsApp customer message → the body of Genesys <c>…/inbound/open/message</c>.
/// Pure: everything it needs that is not in the message (stored media, quoted text) comes in the context.
/// Every message produces a body; what Genesys cannot show becomes readable text, never nothing.
/// </summary>
public static class InboundMessageMapper
{
    public static GenesysInboundMessage Map(MetaMessage message, InboundMappingContext context)
    {
        var metadata = CommonMetadata(message);
        var body = MapByType(message, context, metadata);
        return new GenesysInboundMessage
        {
            Channel = GenesysChannelBuilder.For(message, context),
            Text = WithQuote(body.Text, message, context),
            Content = body.Attachment is null ? null : [new GenesysInboundContent { Attachment = body.Attachment }],
            Metadata = metadata,
        };
    }

    private sealed record Body(string? Text, GenesysAttachment? Attachment = null);

    private static Body MapByType(MetaMessage message, InboundMappingContext context, Dictionary<string, string> metadata) =>
        message.Type switch
        {
            MetaMessageTypes.Text when message.Text is not null => new Body(message.Text.Body),
            MetaMessageTypes.Image or MetaMessageTypes.Video or MetaMessageTypes.Audio or MetaMessageTypes.Document
                or MetaMessageTypes.Sticker when message.Media is not null => Media(message, message.Media, context, metadata),
            MetaMessageTypes.Location when message.Location is not null =>
                new Body(InboundTextFormatter.Location(message.Location)),
            MetaMessageTypes.Contacts when message.Contacts is { Count: > 0 } =>
                new Body(InboundTextFormatter.Contacts(message.Contacts)),
            MetaMessageTypes.Interactive when message.Interactive is not null =>
                Interactive(message, message.Interactive, context, metadata),
            MetaMessageTypes.Button when message.Button is not null => TemplateButton(message.Button, metadata),
            MetaMessageTypes.Reaction when message.Reaction is not null => Reaction(message.Reaction, context, metadata),
            MetaMessageTypes.Order when message.Order is not null => new Body(InboundTextFormatter.Order(message.Order)),
            MetaMessageTypes.System when message.System is { Body.Length: > 0 } => SystemNotice(message.System, metadata),
            _ => Unsupported(message, context, metadata),
        };

    private static Body Media(MetaMessage message, MetaMedia media, InboundMappingContext context,
        Dictionary<string, string> metadata)
    {
        if (media.Voice == true)
        {
            metadata[Keys.VoiceNote] = "true";
        }
        var caption = string.IsNullOrEmpty(media.Caption) ? null : media.Caption;
        if (context.Media is not { } stored)
        {
            return new Body(InboundTextFormatter.MediaUnavailable(message.Type, caption));
        }
        var attachment = new GenesysAttachment
        {
            MediaType = InboundMedia.GenesysMediaTypeOf(message.Type),
            Url = stored.Url,
            Mime = stored.Mime,
            Filename = media.Filename ?? stored.Filename,
            Text = caption,
            Sha256 = stored.Sha256 ?? media.Sha256,
        };
        // The caption goes twice on purpose: as the attachment's text, and as message text so it shows in the
        // transcript even where Genesys does not render attachment captions.
        return new Body(caption, attachment);
    }

    private static Body Interactive(MetaMessage message, MetaInteractiveReply reply, InboundMappingContext context,
        Dictionary<string, string> metadata)
    {
        switch (reply)
        {
            case { ButtonReply: { } button }:
                metadata[Keys.ButtonReplyId] = button.Id ?? "";
                return new Body(button.Title ?? button.Id);
            case { ListReply: { } row }:
                metadata[Keys.ListReplyId] = row.Id ?? "";
                return new Body(row.Title ?? row.Id);
            case { NfmReply: { } flow }:
                if (flow.Name is not null) metadata[Keys.FlowName] = flow.Name;
                if (flow.ResponseJson is not null) metadata[Keys.FlowResponseJson] = flow.ResponseJson;
                return new Body(string.IsNullOrWhiteSpace(flow.Body) ? "Form submitted" : flow.Body);
            default:
                return Unsupported(message, context, metadata);
        }
    }

    private static Body TemplateButton(MetaButtonReply button, Dictionary<string, string> metadata)
    {
        if (button.Payload is not null)
        {
            metadata[Keys.ButtonPayload] = button.Payload;
        }
        return new Body(button.Text ?? button.Payload);
    }

    private static Body Reaction(MetaReaction reaction, InboundMappingContext context,
        Dictionary<string, string> metadata)
    {
        if (reaction.MessageId is not null)
        {
            metadata[Keys.ReactionToMessageId] = reaction.MessageId;
        }
        if (!string.IsNullOrEmpty(reaction.Emoji))
        {
            metadata[Keys.ReactionEmoji] = reaction.Emoji;
        }
        return new Body(InboundTextFormatter.Reaction(reaction, context.QuotedText));
    }

    private static Body SystemNotice(MetaSystemNotice notice, Dictionary<string, string> metadata)
    {
        if (notice.Type is not null) metadata[Keys.SystemNoticeType] = notice.Type;
        if (notice.NewWaId is not null) metadata[Keys.NewWaId] = notice.NewWaId;
        return new Body($"[WhatsApp] {notice.Body}");
    }

    private static Body Unsupported(MetaMessage message, InboundMappingContext context,
        Dictionary<string, string> metadata)
    {
        var error = message.Errors?.FirstOrDefault() ?? context.ChangeErrors?.FirstOrDefault();
        if (error is not null)
        {
            metadata[Keys.ErrorCode] = error.Code.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        var kind = message.Type == MetaMessageTypes.Unsupported ? message.Unsupported?.Type ?? "" : message.Type;
        return new Body(InboundTextFormatter.Unsupported(kind, error));
    }

    private static string? WithQuote(string? text, MetaMessage message, InboundMappingContext context) =>
        message.Context?.Id is not null && context.QuotedText is { Length: > 0 } quoted
            && message.Type != MetaMessageTypes.Reaction
            ? InboundTextFormatter.Quote(quoted, text)
            : text;

    private static Dictionary<string, string> CommonMetadata(MetaMessage message)
    {
        var metadata = new Dictionary<string, string> { [Keys.MessageType] = message.Type };
        if (message.Context is { } quoted)
        {
            if (quoted.Id is not null) metadata[Keys.ReplyToMessageId] = quoted.Id;
            if (quoted.Forwarded == true) metadata[Keys.Forwarded] = "true";
            if (quoted.FrequentlyForwarded == true) metadata[Keys.FrequentlyForwarded] = "true";
        }
        if (message.Referral is { } referral)
        {
            AddIfPresent(metadata, Keys.ReferralSourceUrl, referral.SourceUrl);
            AddIfPresent(metadata, Keys.ReferralSourceId, referral.SourceId);
            AddIfPresent(metadata, Keys.ReferralSourceType, referral.SourceType);
            AddIfPresent(metadata, Keys.ReferralHeadline, referral.Headline);
            AddIfPresent(metadata, Keys.ReferralBody, referral.Body);
            AddIfPresent(metadata, Keys.ReferralCtwaClid, referral.CtwaClid);
        }
        return metadata;
    }

    private static void AddIfPresent(Dictionary<string, string> metadata, string key, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            metadata[key] = value;
        }
    }
}
