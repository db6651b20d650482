using System.Text.Json;
using System.Text.Json.Serialization;

namespace WhatsAppGenesys.Contracts.Meta;

/// <summary>
/// Serializer options for Meta wire bodies. The models carry their own wire names, so these only decide what is
/// written: absent (null) fields are left out, as Meta's own payloads do.
/// </summary>
public static class MetaJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.General)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
