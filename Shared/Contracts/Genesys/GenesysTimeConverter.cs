using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace WhatsAppGenesys.Contracts.Genesys;

/// <summary>
/// Genesys times are ISO-8601 UTC with milliseconds, <c>2021-02-01T15:04:05.123Z</c>. Reads any ISO-8601 form
/// (Genesys itself sometimes omits the milliseconds); always writes exactly that form.
/// </summary>
public sealed class GenesysTimeConverter : JsonConverter<DateTimeOffset>
{
    public const string Format = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String
        && DateTimeOffset.TryParse(reader.GetString(), CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : throw new JsonException("Expected an ISO-8601 time.");

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(ToWire(value));

    public static string ToWire(DateTimeOffset value) =>
        value.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);
}
