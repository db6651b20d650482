using System.Globalization;
using System.Text.Json;
using WhatsAppGenesys.RcsSandbox.Wire;

namespace WhatsAppGenesys.RcsSandbox.Rbm.Validation;

/// <summary>
/// Reads one JSON object the way Google's proto3 JSON parser does: lowerCamel or snake_case names, null as absent, an
/// unknown field or a value of the wrong JSON type rejected with 400 "Invalid JSON payload received", and two members
/// of one oneof rejected. The first error is kept (<see cref="Error"/>); after it every read returns nothing, so a
/// validator reads its fields in a row and checks once. Readers of nested messages share their root's error, so a
/// failure anywhere in the tree is the request's failure.
/// </summary>
public sealed class ProtoReader
{
    private readonly JsonElement _obj;
    private readonly ErrorSlot _error;

    public ProtoReader(JsonElement obj, string path)
        : this(obj, path, new ErrorSlot())
    {
    }

    private ProtoReader(JsonElement obj, string path, ErrorSlot error)
    {
        _obj = obj;
        Path = path;
        _error = error;
    }

    public GoogleError? Error => _error.Value;

    public string Path { get; }

    public bool Failed => _error.Value is not null;

    public string Field(string camelName) => JsonShape.Join(Path, camelName);

    /// <summary>Records <paramref name="error"/> unless an earlier one is already recorded.</summary>
    public void Fail(GoogleError error) => _error.Value ??= error;

    public ProtoReader OnlyKnown(params ReadOnlySpan<string> camelNames)
    {
        if (Failed)
        {
            return this;
        }
        foreach (var property in _obj.EnumerateObject())
        {
            var known = false;
            foreach (var name in camelNames)
            {
                if (property.Name == name || property.Name == JsonShape.Snake(name))
                {
                    known = true;
                    break;
                }
            }
            if (!known)
            {
                Fail(GoogleError.InvalidArgument(
                    $"Invalid JSON payload received. Unknown name \"{property.Name}\" at '{Path}': Cannot find field.", Path));
                break;
            }
        }
        return this;
    }

    /// <summary>The one member of a oneof that is set (its camel name), or null when none is.</summary>
    public string? OneOf(string oneofName, params ReadOnlySpan<string> camelNames)
    {
        string? chosen = null;
        foreach (var name in camelNames)
        {
            if (Failed)
            {
                return null;
            }
            if (!JsonShape.TryGet(_obj, name, out _))
            {
                continue;
            }
            if (chosen is not null)
            {
                Fail(GoogleError.InvalidArgument(
                    $"Invalid JSON payload received. Oneof field '{oneofName}' is already set. Cannot set '{name}'", Field(name)));
                return null;
            }
            chosen = name;
        }
        return chosen;
    }

    public string? String(string name)
    {
        if (!Present(name, out var value))
        {
            return null;
        }
        if (value.ValueKind == JsonValueKind.String)
        {
            return value.GetString();
        }
        Fail(JsonShape.WrongType(Field(name), "TYPE_STRING", value));
        return null;
    }

    public bool? Bool(string name)
    {
        if (!Present(name, out var value))
        {
            return null;
        }
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetBoolean();
        }
        Fail(JsonShape.WrongType(Field(name), "TYPE_BOOL", value));
        return null;
    }

    /// <summary>A double; proto JSON also takes numbers written as strings.</summary>
    public double? Number(string name)
    {
        if (!Present(name, out var value))
        {
            return null;
        }
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number))
        {
            return number;
        }
        if (value.ValueKind == JsonValueKind.String &&
            double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out number))
        {
            return number;
        }
        Fail(JsonShape.WrongType(Field(name), "TYPE_DOUBLE", value));
        return null;
    }

    /// <summary>A nested message, read by its own reader; null when absent.</summary>
    public ProtoReader? Object(string name)
    {
        if (!Present(name, out var value))
        {
            return null;
        }
        if (value.ValueKind == JsonValueKind.Object)
        {
            return new ProtoReader(value, Field(name), _error);
        }
        Fail(JsonShape.WrongType(Field(name), "TYPE_MESSAGE", value));
        return null;
    }

    /// <summary>The items of a repeated message field, each with its own reader; null when absent.</summary>
    public IReadOnlyList<ProtoReader>? Objects(string name)
    {
        if (!Present(name, out var value))
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.Array)
        {
            Fail(GoogleError.InvalidArgument($"Invalid value at '{Field(name)}', expected a list of values.", Field(name)));
            return null;
        }
        var items = new List<ProtoReader>();
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            var itemPath = JsonShape.Index(Path, name, index++);
            if (item.ValueKind != JsonValueKind.Object)
            {
                Fail(JsonShape.WrongType(itemPath, "TYPE_MESSAGE", item));
                return null;
            }
            items.Add(new ProtoReader(item, itemPath, _error));
        }
        return items;
    }

    /// <summary>An enum given by its name; null when absent.</summary>
    public string? Enum(string name, string enumType, params ReadOnlySpan<string> allowed)
    {
        var value = String(name);
        if (value is null)
        {
            return null;
        }
        foreach (var candidate in allowed)
        {
            if (candidate == value)
            {
                return value;
            }
        }
        Fail(GoogleError.InvalidArgument($"Invalid value at '{Field(name)}' ({enumType}), \"{value}\"", Field(name)));
        return null;
    }

    /// <summary>An RFC 3339 timestamp; null when absent.</summary>
    public DateTimeOffset? Timestamp(string name)
    {
        var value = String(name);
        if (value is null)
        {
            return null;
        }
        if (Rfc3339.TryParse(value, out var time))
        {
            return time;
        }
        Fail(GoogleError.InvalidArgument(
            $"Invalid value at '{Field(name)}' (type.googleapis.com/google.protobuf.Timestamp), \"{value}\"", Field(name)));
        return null;
    }

    /// <summary>Fails with "required field missing" when <paramref name="value"/> is null or empty.</summary>
    public void Require(string name, object? value)
    {
        if (value is null || value is string { Length: 0 })
        {
            Fail(JsonShape.Required(Path, name));
        }
    }

    public void MaxLength(string name, string? value, int max)
    {
        if (JsonShape.MaxLength(value, max, Path, name) is { } error)
        {
            Fail(error);
        }
    }

    private bool Present(string name, out JsonElement value)
    {
        value = default;
        return !Failed && JsonShape.TryGet(_obj, name, out value);
    }

    private sealed class ErrorSlot
    {
        public GoogleError? Value { get; set; }
    }
}
