using System.Globalization;
using System.Text.Json;
using WhatsAppGenesys.MetaSandbox.Media;
using WhatsAppGenesys.MetaSandbox.Model;

namespace WhatsAppGenesys.MetaSandbox.GraphApi;

// Validates a send-message body the way the Cloud API does (wire-formats.md 2A.5): top-level request parameters
// answer 100, missing message content 131008, out-of-range content 131009. Limits: text 4096, caption 1024,
// reply buttons ≤3 with titles ≤20, list rows ≤10 with titles ≤24, interactive body ≤1024, footer ≤60.
public static class MessageValidator
{
    private static readonly string[] MessageTypes =
        ["audio", "contacts", "document", "image", "interactive", "location", "reaction", "sticker", "template", "text", "video"];

    private static readonly string[] InteractiveTypes =
        ["button", "list", "cta_url", "flow", "product", "product_list", "catalog_message", "location_request_message", "address_message", "call_permission_request"];

    private static readonly string[] TemplateComponentTypes = ["header", "body", "button", "footer", "carousel", "limited_time_offer"];

    private static readonly string[] TemplateParameterTypes =
        ["text", "currency", "date_time", "image", "document", "video", "location", "payload", "coupon_code", "action", "product", "order_status", "limited_time_offer", "tap_target_configuration"];

    public static MetaError? Validate(JsonElement root, out SendRequest request)
    {
        request = new SendRequest();
        if (root.ValueKind != JsonValueKind.Object)
        {
            return MetaErrors.InvalidParameter("The request body must be a JSON object.");
        }
        if (!TryString(root, "messaging_product", out var product))
        {
            return MetaErrors.InvalidParameter("The parameter messaging_product is required.");
        }
        if (product != "whatsapp")
        {
            return MetaErrors.InvalidParameter($"Param messaging_product must be one of {{WHATSAPP}} - got \"{product}\".");
        }
        if (root.TryGetProperty("status", out _))
        {
            return ValidateMarkAsRead(root, out request);
        }
        if (TryString(root, "recipient_type", out var recipientType) && recipientType is not ("individual" or "group"))
        {
            return MetaErrors.InvalidParameter($"Param recipient_type must be one of {{INDIVIDUAL, GROUP}} - got \"{recipientType}\".");
        }

        // "to" is a phone number; "recipient" a BSUID for username users. "to" wins when both are given.
        TryString(root, "to", out var to);
        TryString(root, "recipient", out var recipient);
        if (string.IsNullOrWhiteSpace(to) && string.IsNullOrWhiteSpace(recipient))
        {
            return MetaErrors.InvalidParameter("The parameter to is required.");
        }
        if (!string.IsNullOrWhiteSpace(to) && !CustomerStore.IsBsuid(to) && !IsPhoneNumber(to))
        {
            return MetaErrors.InvalidParameter($"Param to must be a valid phone number - got \"{to}\".");
        }

        var type = TryString(root, "type", out var t) ? t : "text";
        if (!MessageTypes.Contains(type))
        {
            return MetaErrors.InvalidParameter(
                $"Param type must be one of {{{string.Join(", ", MessageTypes).ToUpperInvariant()}}} - got \"{type}\".");
        }
        if (root.TryGetProperty("context", out var context) &&
            (context.ValueKind != JsonValueKind.Object || !TryString(context, "message_id", out _)))
        {
            return MetaErrors.RequiredParameterMissing("The parameter context['message_id'] is required.");
        }
        if (!root.TryGetProperty(type, out var content) || content.ValueKind != JsonValueKind.Object &&
            !(type == "contacts" && content.ValueKind == JsonValueKind.Array))
        {
            return MetaErrors.RequiredParameterMissing($"The parameter {type} is required.");
        }

        request = new SendRequest
        {
            Type = type,
            To = string.IsNullOrWhiteSpace(to) ? null : to,
            Recipient = string.IsNullOrWhiteSpace(recipient) ? null : recipient,
        };
        return type switch
        {
            "text" => ValidateText(content),
            "image" or "audio" or "video" or "document" or "sticker" => ValidateMedia(type, content, ref request),
            "location" => ValidateLocation(content),
            "contacts" => ValidateContacts(content),
            "interactive" => ValidateInteractive(content),
            "template" => ValidateTemplate(content),
            "reaction" => ValidateReaction(content),
            _ => null,
        };
    }

    private static MetaError? ValidateMarkAsRead(JsonElement root, out SendRequest request)
    {
        request = new SendRequest();
        if (!TryString(root, "status", out var status) || status != "read")
        {
            return MetaErrors.InvalidParameter("Param status must be one of {READ}.");
        }
        if (!TryString(root, "message_id", out var messageId) || messageId.Length == 0)
        {
            return MetaErrors.InvalidParameter("The parameter message_id is required.");
        }
        var typing = false;
        if (root.TryGetProperty("typing_indicator", out var indicator))
        {
            if (indicator.ValueKind != JsonValueKind.Object || !TryString(indicator, "type", out var indicatorType) || indicatorType != "text")
            {
                return MetaErrors.InvalidParameter("Param typing_indicator['type'] must be one of {TEXT}.");
            }
            typing = true;
        }
        request = new SendRequest { IsMarkAsRead = true, ReadMessageId = messageId, TypingIndicator = typing };
        return null;
    }

    private static MetaError? ValidateText(JsonElement text)
    {
        if (!TryString(text, "body", out var body))
        {
            return MetaErrors.RequiredParameterMissing("The parameter text['body'] is required.");
        }
        if (body.Length == 0)
        {
            return MetaErrors.ParameterValueInvalid("Param text['body'] must not be empty.");
        }
        if (body.Length > 4096)
        {
            return MetaErrors.InvalidParameter("Param text['body'] must be at most 4096 characters long.");
        }
        if (text.TryGetProperty("preview_url", out var preview) && preview.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            return MetaErrors.ParameterValueInvalid("Param text['preview_url'] must be a boolean.");
        }
        return null;
    }

    private static MetaError? ValidateMedia(string type, JsonElement media, ref SendRequest request)
    {
        var hasId = TryString(media, "id", out var id) && id.Length > 0;
        var hasLink = TryString(media, "link", out var link) && link.Length > 0;
        if (!hasId && !hasLink)
        {
            return MetaErrors.RequiredParameterMissing($"Either {type}['id'] or {type}['link'] is required.");
        }
        if (hasId && hasLink)
        {
            return MetaErrors.ParameterValueInvalid($"Only one of {type}['id'] or {type}['link'] may be given.");
        }
        if (hasLink && (!Uri.TryCreate(link, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
        {
            return MetaErrors.ParameterValueInvalid($"Param {type}['link'] must be a valid http or https URL.");
        }
        if (media.TryGetProperty("caption", out var caption))
        {
            if (type is "audio" or "sticker")
            {
                return MetaErrors.InvalidParameter($"Param {type}['caption'] is not allowed: {type} messages have no caption.");
            }
            if (caption.ValueKind != JsonValueKind.String || caption.GetString()!.Length > 1024)
            {
                return MetaErrors.ParameterValueInvalid($"Param {type}['caption'] must be a string of at most 1024 characters.");
            }
        }
        if (media.TryGetProperty("filename", out _) && type != "document")
        {
            return MetaErrors.InvalidParameter($"Param {type}['filename'] is not allowed: only documents have a filename.");
        }
        request = request with { MediaId = hasId ? id : null, MediaLink = hasLink ? link : null };
        return null;
    }

    private static MetaError? ValidateLocation(JsonElement location)
    {
        foreach (var (name, limit) in new[] { ("latitude", 90d), ("longitude", 180d) })
        {
            if (!location.TryGetProperty(name, out var value))
            {
                return MetaErrors.RequiredParameterMissing($"The parameter location['{name}'] is required.");
            }
            if (!TryNumber(value, out var number) || Math.Abs(number) > limit)
            {
                return MetaErrors.ParameterValueInvalid($"Param location['{name}'] must be a number between -{limit} and {limit}.");
            }
        }
        return null;
    }

    private static MetaError? ValidateContacts(JsonElement contacts)
    {
        if (contacts.ValueKind != JsonValueKind.Array || contacts.GetArrayLength() == 0)
        {
            return MetaErrors.RequiredParameterMissing("The parameter contacts must be a non-empty array.");
        }
        var index = 0;
        foreach (var contact in contacts.EnumerateArray())
        {
            if (contact.ValueKind != JsonValueKind.Object || !contact.TryGetProperty("name", out var name) ||
                name.ValueKind != JsonValueKind.Object || !TryString(name, "formatted_name", out _))
            {
                return MetaErrors.RequiredParameterMissing($"The parameter contacts[{index}]['name']['formatted_name'] is required.");
            }
            index++;
        }
        return null;
    }

    private static MetaError? ValidateInteractive(JsonElement interactive)
    {
        if (!TryString(interactive, "type", out var type))
        {
            return MetaErrors.RequiredParameterMissing("The parameter interactive['type'] is required.");
        }
        if (!InteractiveTypes.Contains(type))
        {
            return MetaErrors.InvalidParameter($"Param interactive['type'] must be one of {{{string.Join(", ", InteractiveTypes).ToUpperInvariant()}}} - got \"{type}\".");
        }
        if (!interactive.TryGetProperty("action", out var action) || action.ValueKind != JsonValueKind.Object)
        {
            return MetaErrors.RequiredParameterMissing("The parameter interactive['action'] is required.");
        }
        var bodyRequired = type is "button" or "list" or "cta_url" or "flow" or "product_list" or "location_request_message";
        if (interactive.TryGetProperty("body", out var body) || bodyRequired)
        {
            if (body.ValueKind != JsonValueKind.Object || !TryString(body, "text", out var bodyText))
            {
                return MetaErrors.RequiredParameterMissing("The parameter interactive['body']['text'] is required.");
            }
            if (bodyText.Length is 0 or > 1024)
            {
                return MetaErrors.ParameterValueInvalid(LengthInvalid("Body text", 1, 1024));
            }
        }
        if (interactive.TryGetProperty("footer", out var footer) &&
            (!TryString(footer, "text", out var footerText) || footerText.Length is 0 or > 60))
        {
            return MetaErrors.ParameterValueInvalid(LengthInvalid("Footer text", 1, 60));
        }
        if (interactive.TryGetProperty("header", out var header) && TryString(header, "type", out var headerType) &&
            headerType == "text" && (!TryString(header, "text", out var headerText) || headerText.Length is 0 or > 60))
        {
            return MetaErrors.ParameterValueInvalid(LengthInvalid("Header text", 1, 60));
        }
        return type switch
        {
            "button" => ValidateButtons(action),
            "list" => ValidateList(action),
            "cta_url" => ValidateCtaUrl(action),
            _ => null,
        };
    }

    private static MetaError? ValidateButtons(JsonElement action)
    {
        if (!action.TryGetProperty("buttons", out var buttons) || buttons.ValueKind != JsonValueKind.Array)
        {
            return MetaErrors.RequiredParameterMissing("The parameter interactive['action']['buttons'] is required.");
        }
        var count = buttons.GetArrayLength();
        if (count is 0 or > 3)
        {
            return MetaErrors.ParameterValueInvalid($"Button count invalid. Min count: 1, Max count: 3, got: {count}.");
        }
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var titles = new HashSet<string>(StringComparer.Ordinal);
        foreach (var button in buttons.EnumerateArray())
        {
            if (!TryString(button, "type", out var buttonType) || buttonType != "reply")
            {
                return MetaErrors.InvalidParameter("Param interactive['action']['buttons'][]['type'] must be one of {REPLY}.");
            }
            if (!button.TryGetProperty("reply", out var reply) || !TryString(reply, "id", out var id) || !TryString(reply, "title", out var title))
            {
                return MetaErrors.RequiredParameterMissing("Each button needs reply['id'] and reply['title'].");
            }
            if (id.Length is 0 or > 256)
            {
                return MetaErrors.ParameterValueInvalid(LengthInvalid("Button id", 1, 256));
            }
            if (title.Length is 0 or > 20)
            {
                return MetaErrors.ParameterValueInvalid(LengthInvalid("Button title", 1, 20));
            }
            if (!ids.Add(id) || !titles.Add(title))
            {
                return MetaErrors.ParameterValueInvalid("Button ids and titles must be unique.");
            }
        }
        return null;
    }

    private static MetaError? ValidateList(JsonElement action)
    {
        if (!TryString(action, "button", out var label))
        {
            return MetaErrors.RequiredParameterMissing("The parameter interactive['action']['button'] is required.");
        }
        if (label.Length is 0 or > 20)
        {
            return MetaErrors.ParameterValueInvalid(LengthInvalid("Button label", 1, 20));
        }
        if (!action.TryGetProperty("sections", out var sections) || sections.ValueKind != JsonValueKind.Array || sections.GetArrayLength() == 0)
        {
            return MetaErrors.RequiredParameterMissing("The parameter interactive['action']['sections'] is required.");
        }
        if (sections.GetArrayLength() > 10)
        {
            return MetaErrors.ParameterValueInvalid("Section count invalid. Min count: 1, Max count: 10.");
        }
        var rowIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var section in sections.EnumerateArray())
        {
            if (TryString(section, "title", out var sectionTitle) && sectionTitle.Length > 24)
            {
                return MetaErrors.ParameterValueInvalid(LengthInvalid("Section title", 1, 24));
            }
            if (sections.GetArrayLength() > 1 && !TryString(section, "title", out _))
            {
                return MetaErrors.RequiredParameterMissing("A section title is required when there is more than one section.");
            }
            if (!section.TryGetProperty("rows", out var rows) || rows.ValueKind != JsonValueKind.Array || rows.GetArrayLength() == 0)
            {
                return MetaErrors.RequiredParameterMissing("The parameter interactive['action']['sections'][]['rows'] is required.");
            }
            foreach (var row in rows.EnumerateArray())
            {
                if (!TryString(row, "id", out var id) || !TryString(row, "title", out var title))
                {
                    return MetaErrors.RequiredParameterMissing("Each row needs an id and a title.");
                }
                if (id.Length is 0 or > 200)
                {
                    return MetaErrors.ParameterValueInvalid(LengthInvalid("Row id", 1, 200));
                }
                if (title.Length is 0 or > 24)
                {
                    return MetaErrors.ParameterValueInvalid(LengthInvalid("Row title", 1, 24));
                }
                if (TryString(row, "description", out var description) && description.Length > 72)
                {
                    return MetaErrors.ParameterValueInvalid(LengthInvalid("Row description", 0, 72));
                }
                if (!rowIds.Add(id))
                {
                    return MetaErrors.ParameterValueInvalid("Row ids must be unique.");
                }
            }
        }
        if (rowIds.Count > 10)
        {
            return MetaErrors.ParameterValueInvalid($"Total row count exceed max allowed count: 10, got: {rowIds.Count}.");
        }
        return null;
    }

    private static MetaError? ValidateCtaUrl(JsonElement action)
    {
        if (!action.TryGetProperty("parameters", out var parameters) || !TryString(parameters, "display_text", out var text) ||
            !TryString(parameters, "url", out var url))
        {
            return MetaErrors.RequiredParameterMissing("The parameters display_text and url are required for cta_url.");
        }
        if (text.Length is 0 or > 20)
        {
            return MetaErrors.ParameterValueInvalid(LengthInvalid("Button display text", 1, 20));
        }
        return Uri.TryCreate(url, UriKind.Absolute, out _) ? null : MetaErrors.ParameterValueInvalid("Param url must be a valid URL.");
    }

    private static MetaError? ValidateTemplate(JsonElement template)
    {
        if (!TryString(template, "name", out var name) || name.Length == 0)
        {
            return MetaErrors.RequiredParameterMissing("The parameter template['name'] is required.");
        }
        if (!template.TryGetProperty("language", out var language) || !TryString(language, "code", out var code) || code.Length == 0)
        {
            return MetaErrors.RequiredParameterMissing("The parameter template['language']['code'] is required.");
        }
        if (!template.TryGetProperty("components", out var components))
        {
            return null;
        }
        if (components.ValueKind != JsonValueKind.Array)
        {
            return MetaErrors.ParameterValueInvalid("Param template['components'] must be an array.");
        }
        foreach (var component in components.EnumerateArray())
        {
            if (!TryString(component, "type", out var componentType))
            {
                return MetaErrors.RequiredParameterMissing("The parameter template['components'][]['type'] is required.");
            }
            if (!TemplateComponentTypes.Contains(componentType))
            {
                return MetaErrors.InvalidParameter($"Param template['components'][]['type'] must be one of {{HEADER, BODY, BUTTON, FOOTER, CAROUSEL, LIMITED_TIME_OFFER}} - got \"{componentType}\".");
            }
            if (componentType == "button" && (!TryString(component, "sub_type", out _) || !component.TryGetProperty("index", out _)))
            {
                return MetaErrors.RequiredParameterMissing("Button components need sub_type and index.");
            }
            if (component.TryGetProperty("parameters", out var parameters) && ValidateTemplateParameters(parameters) is { } error)
            {
                return error;
            }
        }
        return null;
    }

    private static MetaError? ValidateTemplateParameters(JsonElement parameters)
    {
        if (parameters.ValueKind != JsonValueKind.Array)
        {
            return MetaErrors.ParameterValueInvalid("Param template['components'][]['parameters'] must be an array.");
        }
        foreach (var parameter in parameters.EnumerateArray())
        {
            if (!TryString(parameter, "type", out var type))
            {
                return MetaErrors.RequiredParameterMissing("The parameter template['components'][]['parameters'][]['type'] is required.");
            }
            if (!TemplateParameterTypes.Contains(type))
            {
                return MetaErrors.InvalidParameter($"Param template parameter type \"{type}\" is not valid.");
            }
            if (type is "text" or "payload" && !TryString(parameter, type, out _))
            {
                return MetaErrors.RequiredParameterMissing($"The parameter template['components'][]['parameters'][]['{type}'] is required.");
            }
            if (type is "image" or "document" or "video" &&
                (!parameter.TryGetProperty(type, out var media) || !TryString(media, "link", out _) && !TryString(media, "id", out _)))
            {
                return MetaErrors.RequiredParameterMissing($"Template {type} parameters need {type}['link'] or {type}['id'].");
            }
        }
        return null;
    }

    private static MetaError? ValidateReaction(JsonElement reaction)
    {
        if (!TryString(reaction, "message_id", out var messageId) || messageId.Length == 0)
        {
            return MetaErrors.RequiredParameterMissing("The parameter reaction['message_id'] is required.");
        }
        // An empty emoji removes the reaction; the key itself must still be there.
        if (!TryString(reaction, "emoji", out _))
        {
            return MetaErrors.RequiredParameterMissing("The parameter reaction['emoji'] is required.");
        }
        return null;
    }

    private static string LengthInvalid(string what, int min, int max) =>
        string.Create(CultureInfo.InvariantCulture, $"{what} length invalid. Min length: {min}, Max length: {max}");

    private static bool IsPhoneNumber(string to)
    {
        var digits = 0;
        foreach (var c in to)
        {
            if (char.IsAsciiDigit(c))
            {
                digits++;
            }
            else if (c is not ('+' or ' ' or '-' or '(' or ')' or '.'))
            {
                return false;
            }
        }
        return digits is >= 5 and <= 20;
    }

    private static bool TryString(JsonElement element, string name, out string value)
    {
        if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var property) &&
            property.ValueKind == JsonValueKind.String)
        {
            value = property.GetString()!;
            return true;
        }
        value = "";
        return false;
    }

    private static bool TryNumber(JsonElement element, out double value)
    {
        value = 0;
        return element.ValueKind == JsonValueKind.Number ? element.TryGetDouble(out value)
            : element.ValueKind == JsonValueKind.String && double.TryParse(element.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }
}
