using System.Globalization;
using System.Text.Json;

namespace WhatsAppGenesys.MetaSandbox.GraphApi;

// Small tolerant readers for request validation: a wrong JSON kind counts as "missing".
public static class JsonReading
{
    public static bool TryString(JsonElement element, string name, out string value)
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

    public static bool TryNumber(JsonElement element, out double value)
    {
        value = 0;
        return element.ValueKind == JsonValueKind.Number ? element.TryGetDouble(out value)
            : element.ValueKind == JsonValueKind.String && double.TryParse(element.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }
}
