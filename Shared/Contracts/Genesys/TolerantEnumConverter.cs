using System.Text.Json;
using System.Text.Json.Serialization;

namespace WhatsAppGenesys.Contracts.Genesys;

/// <summary>
/// Enum as string: writes the member name, reads any casing, and reads a name it does not know as the enum's
/// default (<c>Unknown</c>) instead of failing the whole document.
/// </summary>
public sealed class TolerantEnumConverter<TEnum> : JsonConverter<TEnum> where TEnum : struct, Enum
{
    public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String
            && Enum.TryParse<TEnum>(reader.GetString(), ignoreCase: true, out var value)
            && Enum.IsDefined(value)
            && !int.TryParse(reader.GetString(), out _)
                ? value
                : default;

    public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
