using System.Text.Json;
using System.Text.Json.Serialization;

namespace WhatsAppGenesys.Contracts.Genesys;

/// <summary>
/// Enum as string: writes the member name, reads any casing of a member name, and reads anything else (a value
/// Genesys adds later, a number, a list) as the enum's default (<c>Unknown</c>) instead of failing the whole document.
/// </summary>
public sealed class TolerantEnumConverter<TEnum> : JsonConverter<TEnum> where TEnum : struct, Enum
{
    private static readonly Dictionary<string, TEnum> ByName =
        Enum.GetValues<TEnum>().ToDictionary(v => v.ToString(), StringComparer.OrdinalIgnoreCase);

    public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            reader.Skip();
            return default;
        }
        return ByName.GetValueOrDefault(reader.GetString() ?? "");
    }

    public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
