using System.Globalization;
using System.Text.Json;
using WhatsAppGenesys.MetaSandbox.Media;
using WhatsAppGenesys.MetaSandbox.Model;
using WhatsAppGenesys.MetaSandbox.Webhooks;

namespace WhatsAppGenesys.MetaSandbox.Control;

public sealed record InboundMessage(Customer Customer, WebhookContact Contact, WebhookMessage Message, string? MediaId);

// Turns a control request into the customer's message as Meta would post it (the shapes of pywa's webhook
// fixtures), storing any media so the webhook carries a media id that the Graph media endpoints then serve.
public sealed class InboundMessageFactory(CustomerStore customers, MediaStore mediaStore, SandboxCounters counters, TimeProvider time)
{
    private static readonly Dictionary<string, string> DefaultMimeTypes = new(StringComparer.Ordinal)
    {
        ["image"] = "image/jpeg",
        ["video"] = "video/mp4",
        ["audio"] = "audio/mpeg",
        ["voice"] = "audio/ogg; codecs=opus",
        ["document"] = "application/pdf",
        ["sticker"] = "image/webp",
    };

    public InboundMessage Create(string customerId, CustomerMessageRequest request, Business business, string phoneNumberId)
    {
        var customer = Identify(customerId, request);
        var timestamp = request.Timestamp ?? time.GetUtcNow().ToUnixTimeSeconds();
        var message = new WebhookMessage
        {
            Context = Context(request, business),
            From = customer.HidesPhoneNumber ? null : customer.WaId,
            FromUserId = customer.UserId,
            FromParentUserId = customer.ParentUserId,
            Id = request.Wamid ?? Ids.NewWamid(customer.WaId ?? customer.UserId, inbound: true),
            Timestamp = timestamp.ToString(CultureInfo.InvariantCulture),
            Type = WireType(request.Type),
        };
        string? mediaId = null;
        message = request.Type switch
        {
            "text" => message with { Text = new WebhookText(Require(request.Text, "text")) },
            "image" or "video" or "audio" or "voice" or "document" or "sticker" =>
                WithMedia(message, request, phoneNumberId, out mediaId),
            "location" => message with
            {
                Location = Require(request.Location, "location") is var l
                    ? new WebhookLocation(l.Latitude, l.Longitude, l.Name, l.Address, l.Url) : null,
            },
            "contacts" => message with { Contacts = Require(request.Contacts, "contacts") },
            "button_reply" or "interactive" when request.ButtonReply is { } reply => message with
            {
                Interactive = new WebhookInteractive("button_reply", ButtonReply: new WebhookReply(reply.Id, reply.Title)),
            },
            "list_reply" or "interactive" when request.ListReply is { } reply => message with
            {
                Interactive = new WebhookInteractive("list_reply", ListReply: new WebhookReply(reply.Id, reply.Title, reply.Description)),
            },
            "button" => message with
            {
                Button = Require(request.Button, "button") is var b ? new WebhookButton(b.Payload, b.Text) : null,
            },
            "reaction" => message with
            {
                Reaction = Require(request.Reaction, "reaction") is var r
                    ? new WebhookReaction(r.MessageId, string.IsNullOrEmpty(r.Emoji) ? null : r.Emoji) : null,
            },
            "unsupported" => message with
            {
                Errors = [new WebhookError(131051, "Message type unknown", "Message type unknown",
                    new WebhookErrorData("Message type is currently not supported."))],
                Extra = request.UnsupportedType is null ? null
                    : new() { ["unsupported"] = JsonSerializer.SerializeToElement(new Dictionary<string, string> { ["type"] = request.UnsupportedType }) },
            },
            "button_reply" or "list_reply" or "interactive" => throw new ControlRequestException("An interactive reply needs buttonReply or listReply."),
            _ => message with
            {
                Extra = new() { [request.Type] = Require(request.Payload, "payload") },
            },
        };

        customer.RecordInbound(phoneNumberId, timestamp);
        customers.AddInbound(customer, new InboundRecord(message.Id, phoneNumberId, message.Type, timestamp));
        Interlocked.Increment(ref counters.InboundMessages);
        return new InboundMessage(customer, WebhookFactory.Contact(customer), message, mediaId);
    }

    private Customer Identify(string customerId, CustomerMessageRequest request)
    {
        if (!CustomerStore.IsBsuid(customerId) && CustomerStore.NormalizePhone(customerId).Length == 0)
        {
            throw new ControlRequestException("The customer id must be a phone number or a BSUID.");
        }
        var customer = CustomerStore.IsBsuid(customerId)
            ? customers.GetOrCreateByUserId(customerId)
            : customers.GetOrCreateByWaId(CustomerStore.NormalizePhone(customerId), request.UserId);
        customer.ProfileName = request.ProfileName ?? customer.ProfileName;
        customer.Username = request.Username ?? customer.Username;
        customer.ParentUserId = request.ParentUserId ?? customer.ParentUserId;
        customer.HidesPhoneNumber = request.BsuidOnly || customer.WaId is null;
        return customer;
    }

    private static WebhookContext? Context(CustomerMessageRequest request, Business business)
    {
        if (request.ContextMessageId is { } contextId)
        {
            return new WebhookContext(business.DisplayPhoneDigits, contextId);
        }
        if (request.Forwarded || request.FrequentlyForwarded)
        {
            return new WebhookContext(Forwarded: request.Forwarded ? true : null,
                FrequentlyForwarded: request.FrequentlyForwarded ? true : null);
        }
        return null;
    }

    private WebhookMessage WithMedia(WebhookMessage message, CustomerMessageRequest request, string phoneNumberId, out string mediaId)
    {
        var payload = Require(request.Media, "media");
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(Require(payload.Base64, "media.base64"));
        }
        catch (FormatException)
        {
            throw new ControlRequestException("media.base64 is not valid base64.");
        }
        var mimeType = payload.MimeType ?? DefaultMimeTypes[request.Type];
        var stored = mediaStore.Add(phoneNumberId, mimeType, bytes, payload.Filename, MediaStore.InboundLifetime);
        mediaId = stored.Id;
        var media = new WebhookMedia
        {
            Caption = request.Type is "audio" or "voice" or "sticker" ? null : payload.Caption,
            Filename = request.Type == "document" ? payload.Filename ?? "document" : null,
            MimeType = mimeType,
            Sha256 = stored.Sha256,
            Id = stored.Id,
            Voice = request.Type switch { "voice" => true, "audio" => false, _ => null },
            Animated = request.Type == "sticker" ? payload.Animated ?? false : null,
        };
        return request.Type switch
        {
            "image" => message with { Image = media },
            "video" => message with { Video = media },
            "audio" or "voice" => message with { Audio = media },
            "document" => message with { Document = media },
            _ => message with { Sticker = media },
        };
    }

    private static string WireType(string type) => type switch
    {
        "voice" => "audio",
        "button_reply" or "list_reply" => "interactive",
        _ => type,
    };

    private static T Require<T>(T? value, string name) where T : class =>
        value ?? throw new ControlRequestException($"'{name}' is required for this message type.");

    private static JsonElement Require(JsonElement? value, string name) =>
        value is { ValueKind: not JsonValueKind.Undefined and not JsonValueKind.Null } element
            ? element
            : throw new ControlRequestException($"'{name}' is required for this message type.");
}

public sealed class ControlRequestException(string message) : Exception(message);
