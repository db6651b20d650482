using System.Text.Json;
using WhatsAppGenesys.RcsSandbox.Wire;

namespace WhatsAppGenesys.RcsSandbox.Rbm.Validation;

/// <summary>Field paths and the errors Google words for them (see <see cref="ProtoReader"/>).</summary>
public static class JsonShape
{
    /// <summary>The field's value when present and not null; a field may be written lowerCamel or snake_case.</summary>
    public static bool TryGet(JsonElement parent, string camelName, out JsonElement value)
    {
        if (parent.ValueKind == JsonValueKind.Object &&
            (parent.TryGetProperty(camelName, out value) || parent.TryGetProperty(Snake(camelName), out value)) &&
            value.ValueKind != JsonValueKind.Null)
        {
            return true;
        }
        value = default;
        return false;
    }

    /// <summary>A field the message needs.</summary>
    public static GoogleError Required(string path, string name) =>
        GoogleError.InvalidArgument($"Required field '{Join(path, name)}' is missing.", Join(path, name));

    public static GoogleError WrongType(string path, string type, JsonElement value) =>
        GoogleError.InvalidArgument($"Invalid value at '{path}' ({type}), {value.GetRawText()}", path);

    /// <summary>Length in characters as a person counts them (Unicode scalar values, so an emoji is one).</summary>
    public static int Length(string value) => value.EnumerateRunes().Count();

    public static GoogleError? MaxLength(string? value, int max, string path, string name) =>
        value is not null && Length(value) > max
            ? GoogleError.InvalidArgument($"'{Join(path, name)}' must be at most {max} characters (it has {Length(value)}).", Join(path, name))
            : null;

    public static bool IsAbsoluteHttpUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    public static string Join(string path, string camelName) => path + "." + Snake(camelName);

    public static string Index(string path, string camelName, int index) => $"{Join(path, camelName)}[{index}]";

    public static string Snake(string camel)
    {
        var builder = new System.Text.StringBuilder(camel.Length + 4);
        foreach (var c in camel)
        {
            if (char.IsUpper(c))
            {
                builder.Append('_').Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }
}
