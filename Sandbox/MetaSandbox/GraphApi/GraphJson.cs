using System.Text.Json;
using System.Text.Json.Serialization;
using WhatsAppGenesys.MetaSandbox.Webhooks;

namespace WhatsAppGenesys.MetaSandbox.GraphApi;

// Graph API responses: compact, nulls omitted, names from [JsonPropertyName] (snake_case like Meta).
public static class GraphJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Encoder = MinimalJsonEncoder.Instance,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
