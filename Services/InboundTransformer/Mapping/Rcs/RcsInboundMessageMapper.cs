using WhatsAppGenesys.Contracts.Genesys;
using WhatsAppGenesys.Contracts.Meta;
using WhatsAppGenesys.Contracts.State;
using Keys = WhatsAppGenesys.InboundTransformer.Mapping.InboundMetadataKeys;

namespace WhatsAppGenesys.InboundTransformer.Mapping.Rcs;

/// <summary>What the RCS mapping needs beyond the message: who it is for, and where its file was stored.</summary>
/// <param name="CustomerId">The customer's id, <c>rcs:+E.164</c> (or the digits when linked with WhatsApp): also what Genesys knows them by.</param>
/// <param name="ReceivedAt">When rcs-api took the webhook, for a message without a readable sendTime.</param>
/// <param name="Media">The stored copy of the message's file; null when it has none or it could not be fetched.</param>
public sealed record RcsMappingContext(string TenantId, string AgentId, string CustomerId, DateTimeOffset ReceivedAt, MediaReference? Media = null);

/// <summary>
/// An RBM user message → the body of Genesys <c>…/inbound/open/message</c>, the way WhatsApp's alike are mapped: text
/// as text; a suggestion response as its text with the postback data in metadata (as WhatsApp's button replies); a
/// location as the same readable text and map link as WhatsApp's; a file as an attachment by presigned link to our
/// copy. Pure: the stored file comes in the context. Every message produces a body, never nothing.
/// </summary>
public static class RcsInboundMessageMapper
{
    public const string TextKind = "text";
    public const string SuggestionResponseKind = "suggestionResponse";
    public const string LocationKind = "location";
    public const string UserFileKind = "userFile";
    public const string UnknownKind = "unknown";

    public static GenesysInboundMessage Map(RbmUserMessage message, RcsMappingContext context)
    {
        var kind = KindOf(message);
        var metadata = new Dictionary<string, string> { [Keys.RcsMessageType] = kind };
        var (text, attachment) = kind switch
        {
            TextKind => (message.Text, null),
            SuggestionResponseKind => SuggestionResponse(message.SuggestionResponse!, metadata),
            LocationKind => (InboundTextFormatter.Location(new MetaLocation { Latitude = message.Location!.Latitude, Longitude = message.Location.Longitude }), null),
            UserFileKind => File(message.UserFile!.Payload!, context.Media),
            _ => ("[Unsupported RCS message]", (GenesysAttachment?)null),
        };
        return new GenesysInboundMessage
        {
            Channel = new GenesysInboundChannel
            {
                From = Customer(context.CustomerId),
                Time = message.SendTime ?? context.ReceivedAt,
                MessageId = message.MessageId,
                Metadata = new GenesysChannelMetadata
                {
                    CustomAttributes = new Dictionary<string, string>
                    {
                        [Keys.TenantId] = context.TenantId,
                        [Keys.RcsAgentId] = context.AgentId,
                    },
                },
            },
            Text = text,
            Content = attachment is null ? null : [new GenesysInboundContent { Attachment = attachment }],
            Metadata = metadata,
        };
    }

    /// <summary>
    /// The customer as Genesys knows them: their customer id (<c>rcs:+E.164</c>), Opaque, so an agent's reply names
    /// its channel and the same number on WhatsApp (a Phone id) is another conversation. A number the tenant links
    /// with WhatsApp (its customer id is the WhatsApp form) is the Phone id WhatsApp's messages give Genesys
    /// (<see cref="GenesysChannelBuilder"/>), so both channels' messages land in one Genesys conversation.
    /// </summary>
    public static GenesysRecipient Customer(string customerId) => CustomerAddress.Parse(customerId).IsRcs
        ? new() { Id = customerId, IdType = GenesysIdType.Opaque }
        : new() { Id = "+" + customerId, IdType = GenesysIdType.Phone };

    public static string KindOf(RbmUserMessage message) => message switch
    {
        { Text: { } } => TextKind,
        { SuggestionResponse: { } } => SuggestionResponseKind,
        { Location: { } } => LocationKind,
        { UserFile.Payload: { } } => UserFileKind,
        _ => UnknownKind,
    };

    /// <summary>The words of the message, for the conversation history; null for a file.</summary>
    public static string? TextOf(RbmUserMessage message) => KindOf(message) switch
    {
        TextKind => message.Text,
        SuggestionResponseKind => message.SuggestionResponse!.Text ?? message.SuggestionResponse.PostbackData,
        LocationKind => InboundTextFormatter.Location(new MetaLocation { Latitude = message.Location!.Latitude, Longitude = message.Location.Longitude }),
        _ => null,
    };

    /// <summary>
    /// The file to copy for this message, or null when it has none. Its type (for the storage folder and Genesys's
    /// media type) is read from the MIME type in WhatsApp's words: image, video, audio, or document for anything else.
    /// </summary>
    public static MediaDownload? Describe(RbmUserMessage message)
    {
        if (message.UserFile?.Payload is not { FileUri: { Length: > 0 } uri } file)
        {
            return null;
        }
        var type = TypeOf(file.MimeType);
        return new MediaDownload(message.MessageId, type, InboundMedia.GenesysMediaTypeOf(type), file.MimeType, Sha256: null, file.FileName, uri);
    }

    /// <summary>The file's kind in WhatsApp's words, which the history and the storage folders use.</summary>
    public static string TypeOf(string? mimeType) => mimeType?.Split('/')[0].ToLowerInvariant() switch
    {
        "image" => MetaMessageTypes.Image,
        "video" => MetaMessageTypes.Video,
        "audio" => MetaMessageTypes.Audio,
        _ => MetaMessageTypes.Document,
    };

    private static (string?, GenesysAttachment?) SuggestionResponse(RbmSuggestionResponse response, Dictionary<string, string> metadata)
    {
        if (response.PostbackData is { } postback)
        {
            metadata[Keys.ButtonPayload] = postback;
        }
        if (response.Type is { } type)
        {
            metadata[Keys.SuggestionType] = type;
        }
        return (response.Text ?? response.PostbackData, null);
    }

    private static (string?, GenesysAttachment?) File(RbmFileInfo file, MediaReference? stored)
    {
        var type = TypeOf(file.MimeType);
        if (stored is null)
        {
            return (InboundTextFormatter.MediaUnavailable(type, null), null);
        }
        return (null, new GenesysAttachment
        {
            MediaType = InboundMedia.GenesysMediaTypeOf(type),
            Url = stored.Url,
            Mime = stored.Mime,
            Filename = file.FileName ?? stored.Filename,
            Sha256 = stored.Sha256,
        });
    }
}
