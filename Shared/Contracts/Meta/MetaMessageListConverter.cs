using System.Text.Json;
using System.Text.Json.Serialization;

namespace WhatsAppGenesys.Contracts.Meta;

/// <summary>
/// Reads <c>messages[]</c> and keeps each element's raw JSON on <see cref="MetaMessage.Raw"/>, so a message type Meta
/// adds tomorrow can still be shown (or stored) instead of being dropped. Writing is plain serialization.
/// </summary>
internal sealed class MetaMessageListConverter : JsonConverter<IReadOnlyList<MetaMessage>>
{
    public override IReadOnlyList<MetaMessage>? Read(ref Utf8JsonReader reader, Type typeToConvert,
        JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        if (document.RootElement.ValueKind != JsonValueKind.Array)
        {
            return document.RootElement.ValueKind == JsonValueKind.Null
                ? null
                : throw new JsonException("messages must be an array");
        }

        var messages = new List<MetaMessage>();
        foreach (var element in document.RootElement.EnumerateArray())
        {
            var message = element.Deserialize<MetaMessage>(options) ?? new MetaMessage();
            messages.Add(message with { Raw = element.Clone() });
        }
        return messages;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<MetaMessage> value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        foreach (var message in value)
        {
            JsonSerializer.Serialize(writer, message, options);
        }
        writer.WriteEndArray();
    }
}
