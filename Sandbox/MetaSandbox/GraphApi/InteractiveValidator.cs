using System.Globalization;
using System.Text.Json;
using WhatsAppGenesys.MetaSandbox.Model;
using static WhatsAppGenesys.MetaSandbox.GraphApi.JsonReading;

namespace WhatsAppGenesys.MetaSandbox.GraphApi;

// Interactive messages: reply buttons (≤3, title ≤20), lists (≤10 rows, row title ≤24), CTA URL buttons;
// body ≤1024, footer and text header ≤60 (Meta's limits for interactive messages).
public static class InteractiveValidator
{
    private static readonly string[] InteractiveTypes =
        ["button", "list", "cta_url", "flow", "product", "product_list", "catalog_message", "location_request_message", "address_message", "call_permission_request"];

    public static MetaError? Validate(JsonElement interactive)
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

    private static string LengthInvalid(string what, int min, int max) =>
        string.Create(CultureInfo.InvariantCulture, $"{what} length invalid. Min length: {min}, Max length: {max}");
}
