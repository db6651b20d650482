using System.Globalization;
using System.Text.RegularExpressions;
using WhatsAppGenesys.GenesysSandbox.Http;
using WhatsAppGenesys.GenesysSandbox.Model;

namespace WhatsAppGenesys.GenesysSandbox.OpenMessaging;

/// <summary>
/// Validates /inbound/open/* bodies the way Genesys does. Genesys validates these with a JSON schema and answers with
/// the schema validator's text joined by ", " (the text-or-content failure reads verbatim
/// "should have required property 'content', should have required property '.text', should match some schema in anyOf"),
/// so every error here is phrased the same way, prefixed with the path of the failing object.
/// </summary>
public static partial class InboundValidator
{
    public const string TextOrContentMessage =
        "should have required property 'content', should have required property '.text', should match some schema in anyOf";

    public static readonly string[] IdTypes = ["Email", "Phone", "Opaque"];
    public static readonly string[] MediaTypes = ["Image", "Video", "Audio", "File", "Link"];
    public static readonly string[] ReceiptStatuses = ["Delivered", "Failed"];
    public static readonly string[] EventTypes = ["Typing"];
    public static readonly string[] TypingTypes = ["On"];
    public static readonly string[] ReasonCodes =
    [
        "MessageExpired", "RateLimited", "MessageNotAllowed", "GeneralError", "UnsupportedMessage", "UnknownMessage",
        "InvalidMessageStructure", "InvalidDestination", "ServerError", "MediaTypeNotAllowed",
        "InvalidMediaContentLength", "RecipientOptedOut",
    ];

    public static IReadOnlyList<ValidationError> Message(InboundMessageRequest request)
    {
        var errors = new Errors();
        CustomerChannel(errors, request.Channel);

        var hasText = !string.IsNullOrEmpty(request.Text);
        var hasContent = request.Content is { Count: > 0 };
        if (!hasText && !hasContent)
        {
            errors.Add("required", "", "text", TextOrContentMessage);
        }

        for (var i = 0; request.Content is not null && i < request.Content.Count; i++)
        {
            var path = $".content[{i}]";
            var content = request.Content[i];
            if (content is null)
            {
                errors.Add("type", "", $"content[{i}]", $"{path} should be object");
                continue;
            }
            if (content.ContentType is not null && content.ContentType != "Attachment")
            {
                errors.Enum(path, "contentType", ["Attachment"]);
            }
            if (content.Attachment is not { } attachment)
            {
                errors.Required(path, "attachment");
                continue;
            }

            var attachmentPath = path + ".attachment";
            if (attachment.MediaType is null)
            {
                errors.Required(attachmentPath, "mediaType");
            }
            else if (!MediaTypes.Contains(attachment.MediaType, StringComparer.Ordinal))
            {
                errors.Enum(attachmentPath, "mediaType", MediaTypes);
            }
            if (string.IsNullOrEmpty(attachment.Url))
            {
                errors.Required(attachmentPath, "url");
            }
            else if (!Uri.TryCreate(attachment.Url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                errors.Format(attachmentPath, "url", "uri");
            }
            if (string.IsNullOrEmpty(attachment.Mime))
            {
                errors.Required(attachmentPath, "mime");
            }
        }

        return errors.List;
    }

    public static IReadOnlyList<ValidationError> Receipt(InboundReceiptRequest request)
    {
        var errors = new Errors();
        if (string.IsNullOrEmpty(request.Id))
        {
            errors.Required("", "id");
        }

        if (request.Channel is not { } channel)
        {
            errors.Required("", "channel");
        }
        else
        {
            if (channel.To is not { } to)
            {
                errors.Required(".channel", "to");
            }
            else
            {
                if (string.IsNullOrEmpty(to.Id))
                {
                    errors.Required(".channel.to", "id");
                }
                // Genesys's own receipt samples send "idType": "email", so the receipt's idType is matched without case.
                if (to.IdType is not null && !IdTypes.Contains(to.IdType, StringComparer.OrdinalIgnoreCase))
                {
                    errors.Enum(".channel.to", "idType", IdTypes);
                }
            }
            Time(errors, channel.Time);
        }

        if (request.Status is null)
        {
            errors.Required("", "status");
        }
        else if (!ReceiptStatuses.Contains(request.Status, StringComparer.Ordinal))
        {
            errors.Enum("", "status", ReceiptStatuses);
        }

        for (var i = 0; request.Reasons is not null && i < request.Reasons.Count; i++)
        {
            var reason = request.Reasons[i];
            if (reason?.Code is { } code && !ReasonCodes.Contains(code, StringComparer.Ordinal))
            {
                errors.Enum($".reasons[{i}]", "code", ReasonCodes);
            }
        }

        return errors.List;
    }

    public static IReadOnlyList<ValidationError> Event(InboundEventRequest request)
    {
        var errors = new Errors();
        CustomerChannel(errors, request.Channel);
        if (request.Events is not { Count: > 0 })
        {
            errors.Add("required", "", "events",
                request.Events is null ? "should have required property 'events'" : ".events should NOT have fewer than 1 items");
        }

        for (var i = 0; request.Events is not null && i < request.Events.Count; i++)
        {
            var path = $".events[{i}]";
            var item = request.Events[i];
            if (item?.EventType is null)
            {
                errors.Required(path, "eventType");
            }
            else if (!EventTypes.Contains(item.EventType, StringComparer.Ordinal))
            {
                errors.Enum(path, "eventType", EventTypes);
            }
            if (item?.Typing?.Type is { } typingType && !TypingTypes.Contains(typingType, StringComparer.Ordinal))
            {
                errors.Enum(path + ".typing", "type", TypingTypes);
            }
        }

        return errors.List;
    }

    public static IReadOnlyList<ValidationError> StructuredResponse(InboundStructuredResponseRequest request)
    {
        var errors = new Errors();
        CustomerChannel(errors, request.Channel);
        if (request.ButtonResponse is not { } button)
        {
            errors.Required("", "buttonResponse");
        }
        else
        {
            if (string.IsNullOrEmpty(button.Type))
            {
                errors.Required(".buttonResponse", "type");
            }
            if (string.IsNullOrEmpty(button.Text))
            {
                errors.Required(".buttonResponse", "text");
            }
            if (string.IsNullOrEmpty(button.Payload))
            {
                errors.Required(".buttonResponse", "payload");
            }
        }

        return errors.List;
    }

    /// <summary>The ErrorBody for a failed validation: bad.request for a missing property, invalid.value for a wrong one.</summary>
    public static ErrorBody ToErrorBody(HttpContext context, IReadOnlyList<ValidationError> errors)
    {
        var code = errors[0].Keyword is "enum" or "format" ? "invalid.value" : "bad.request";
        var message = string.Join(", ", errors.Select(e => e.Message));
        return GenesysErrors.Body(context, 400, code, message,
            details: [.. errors.Select(e => new ErrorDetail(e.Keyword, e.FieldName))]);
    }

    public static bool IsDateTime(string value) =>
        DateTimeRegex().IsMatch(value) &&
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _);

    private static void CustomerChannel(Errors errors, InboundChannel? channel)
    {
        if (channel is null)
        {
            errors.Required("", "channel");
            return;
        }

        if (channel.From is not { } from)
        {
            errors.Required(".channel", "from");
        }
        else
        {
            if (string.IsNullOrEmpty(from.Id))
            {
                errors.Required(".channel.from", "id");
            }
            if (from.IdType is null)
            {
                errors.Required(".channel.from", "idType");
            }
            else if (!IdTypes.Contains(from.IdType, StringComparer.Ordinal))
            {
                errors.Enum(".channel.from", "idType", IdTypes);
            }
        }

        Time(errors, channel.Time);
    }

    private static void Time(Errors errors, string? time)
    {
        if (string.IsNullOrEmpty(time))
        {
            errors.Required(".channel", "time");
        }
        else if (!IsDateTime(time))
        {
            errors.Format(".channel", "time", "date-time");
        }
    }

    // RFC 3339 date-time, as JSON-schema "format": "date-time" wants it (Genesys documents yyyy-MM-ddTHH:mm:ss[.mmm]Z).
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex DateTimeRegex();

    private sealed class Errors
    {
        public List<ValidationError> List { get; } = [];

        public void Add(string keyword, string path, string property, string message) =>
            List.Add(new ValidationError(keyword, FieldName(path, property), message));

        public void Required(string path, string property) =>
            Add("required", path, property, Prefix(path) + $"should have required property '{property}'");

        public void Enum(string path, string property, IEnumerable<string> allowed) =>
            Add("enum", path, property, $"{path}.{property} should be equal to one of the allowed values ({string.Join(", ", allowed)})");

        public void Format(string path, string property, string format) =>
            Add("format", path, property, $"{path}.{property} should match format \"{format}\"");

        private static string Prefix(string path) => path.Length == 0 ? string.Empty : path + " ";

        private static string FieldName(string path, string property) =>
            (path.Length == 0 ? property : path.TrimStart('.') + "." + property);
    }
}

/// <summary>One schema failure: keyword (required, enum, format, type), the field, the validator's sentence.</summary>
public sealed record ValidationError(string Keyword, string FieldName, string Message);
