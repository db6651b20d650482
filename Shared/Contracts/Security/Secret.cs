using System.Text.Json;
using System.Text.Json.Serialization;

namespace WhatsAppGenesys.Contracts.Security;

/// <summary>
/// A credential held in memory. Its string form, its JSON form and its debugger view are all "[redacted]", so passing
/// it to a logger, an exception message or a trace tag by mistake leaks nothing; only <see cref="Reveal"/> gives the
/// value, at the one place that sends it to a provider.
/// </summary>
[JsonConverter(typeof(SecretJsonConverter))]
[System.Diagnostics.DebuggerDisplay("[redacted]")]
public sealed class Secret(string value) : IEquatable<Secret>
{
    private readonly string _value = value;

    public const string Redacted = "[redacted]";

    public string Reveal() => _value;

    public bool IsEmpty => _value.Length == 0;

    public override string ToString() => Redacted;

    public bool Equals(Secret? other) => other is not null &&
        System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(_value), System.Text.Encoding.UTF8.GetBytes(other._value));

    public override bool Equals(object? obj) => obj is Secret other && Equals(other);

    public override int GetHashCode() => 0;

    private sealed class SecretJsonConverter : JsonConverter<Secret>
    {
        // Reading accepts the value (requests carry secrets in); writing never emits it.
        public override Secret Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            new(reader.GetString() ?? "");

        public override void Write(Utf8JsonWriter writer, Secret value, JsonSerializerOptions options) =>
            writer.WriteStringValue(Redacted);
    }
}
