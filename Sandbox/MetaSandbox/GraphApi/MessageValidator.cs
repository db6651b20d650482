using System.Globalization;
using System.Text.Json;
using WhatsAppGenesys.MetaSandbox.Model;
using static WhatsAppGenesys.MetaSandbox.GraphApi.JsonReading;

namespace WhatsAppGenesys.MetaSandbox.GraphApi;

// Validates a send-message body the way the Cloud API does: top-level request parameters
// answer 100, missing message content 131008, out-of-range content 131009. Limits: text 4096, caption 1024,
// reply buttons ≤3 with titles ≤20, list rows ≤10 with titles ≤24, interactive body ≤1024, footer ≤60.
public static class MessageValidator
{
    private static readonly string[] MessageTypes =
        ["audio", "contacts", "document", "image", "interactive", "location", "reaction", "sticker", "template", "text", "video"];

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
            "interactive" => InteractiveValidator.Validate(content),
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
}
