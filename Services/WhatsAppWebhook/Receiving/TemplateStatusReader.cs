using System.Globalization;
using System.Text.Json;
using WhatsAppGenesys.Contracts.Meta;

namespace WhatsAppGenesys.WhatsAppWebhook.Receiving;

/// <summary>
/// Finds the <c>message_template_status_update</c> changes of a WhatsApp Business Account webhook. They are
/// account-level: the entry's id is the WABA and there is no phone number id, so they take their own path.
/// </summary>
public static class TemplateStatusReader
{
    /// <summary>One status update, with the WABA it belongs to and the entry's unix time.</summary>
    public sealed record Update(string WabaId, long Time, MetaTemplateStatusUpdate Value);

    /// <summary>Every template status change of the body (already known to be a WABA webhook); malformed ones throw.</summary>
    public static IReadOnlyList<Update> Read(JsonElement root)
    {
        var updates = new List<Update>();
        if (!root.TryGetProperty("entry", out var entries) || entries.ValueKind != JsonValueKind.Array)
        {
            return updates;
        }
        foreach (var entry in entries.EnumerateArray())
        {
            if (entry.ValueKind != JsonValueKind.Object || !entry.TryGetProperty("changes", out var changes) || changes.ValueKind != JsonValueKind.Array)
            {
                continue;
            }
            foreach (var change in changes.EnumerateArray())
            {
                if (change.ValueKind != JsonValueKind.Object || !change.TryGetProperty("field", out var field) || field.ValueKind != JsonValueKind.String
                    || field.GetString() != MetaTemplateStatusUpdate.Field)
                {
                    continue;
                }
                var wabaId = entry.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
                MetaTemplateStatusUpdate? value;
                try
                {
                    value = change.TryGetProperty("value", out var v) ? v.Deserialize<MetaTemplateStatusUpdate>(MetaJson.Options) : null;
                }
                catch (JsonException ex)
                {
                    throw new InvalidWebhookException($"a template status update is not in Meta's shape: {ex.Message}");
                }
                if (wabaId is not { Length: > 0 } || value is null || value.MessageTemplateId <= 0 || value.Event is not { Length: > 0 }
                    || value.MessageTemplateName is not { Length: > 0 } || value.MessageTemplateLanguage is not { Length: > 0 })
                {
                    throw new InvalidWebhookException("a template status update has no WABA id, template id, name, language or event");
                }
                updates.Add(new Update(wabaId, Time(entry), value));
            }
        }
        return updates;
    }

    // Meta writes the entry's time as a number of unix seconds; a string of digits is accepted too.
    private static long Time(JsonElement entry)
    {
        if (!entry.TryGetProperty("time", out var time))
        {
            return 0;
        }
        if (time.ValueKind == JsonValueKind.Number && time.TryGetInt64(out var number))
        {
            return number;
        }
        return time.ValueKind == JsonValueKind.String && long.TryParse(time.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var text) ? text : 0;
    }
}
