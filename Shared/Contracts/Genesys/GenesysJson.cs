using System.Text.Json;
using System.Text.Json.Serialization;

namespace WhatsAppGenesys.Contracts.Genesys;

/// <summary>
/// Serializer options for Genesys wire bodies: nulls left out, and property names matched case-insensitively on read
/// because Genesys's own payloads are not consistent (<c>nickname</c> and <c>nickName</c> both occur).
/// </summary>
public static class GenesysJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.General)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        PropertyNameCaseInsensitive = true,
    };
}
