using System.Text.Json;
using System.Text.RegularExpressions;

namespace WhatsAppGenesys.Sandbox.Tests.Genesys;

/// <summary>
/// Our own encoding of Genesys's OpenOutboundNormalizedMessage JSON schema (field names, types, enums, required
/// members), widened only by what Genesys's captured outbound payloads carry beyond that older schema: type "Event"
/// with events[] (typing), contentType "QuickReply" with quickReply{text,payload,action}, conversationId and
/// attachment.contentSizeBytes. Unknown field names are violations, so a misspelt field ("nickName", "messageID")
/// fails here even though the schema itself tolerates extra properties.
/// </summary>
public static partial class OutboundContract
{
    private static readonly Dictionary<string, Field[]> Objects = new()
    {
        ["message"] =
        [
            new("id", Kind.String), new("channel", Kind.Object, "channel"), new("type", Kind.String, Enum: ["Text", "Structured", "Receipt", "Event"]),
            new("text", Kind.String), new("content", Kind.Array, "content"), new("events", Kind.Array, "event"),
            new("originatingEntity", Kind.String, Enum: ["Human", "Bot"]), new("direction", Kind.String, Enum: ["Inbound", "Outbound"]),
            new("conversationId", Kind.String), new("status", Kind.String, Enum: ["Sent", "Delivered", "Read", "Failed", "Published", "Removed"]),
            new("reasons", Kind.Array, "reason"), new("isFinalReceipt", Kind.Boolean),
        ],
        ["channel"] =
        [
            new("id", Kind.String), new("platform", Kind.String, Enum: ["Open"]), new("type", Kind.String, Enum: ["Private"]),
            new("to", Kind.Object, "recipient"), new("from", Kind.Object, "recipient"), new("time", Kind.DateTime),
            new("messageId", Kind.String),
        ],
        ["recipient"] =
        [
            new("id", Kind.String), new("idType", Kind.String, Enum: ["Email", "Phone", "Opaque"]), new("nickname", Kind.String),
            new("firstName", Kind.String), new("lastName", Kind.String),
        ],
        ["content"] =
        [
            new("contentType", Kind.String, Enum: ["Attachment", "Notification", "QuickReply"]), new("attachment", Kind.Object, "attachment"),
            new("template", Kind.Object, "template"), new("quickReply", Kind.Object, "quickReply"),
        ],
        ["attachment"] =
        [
            new("id", Kind.String), new("mediaType", Kind.String, Required: true, Enum: ["Image", "Video", "Audio", "File", "Link"]),
            new("url", Kind.String), new("mime", Kind.String), new("filename", Kind.String), new("sha256", Kind.String),
            new("text", Kind.String), new("contentSizeBytes", Kind.Integer),
        ],
        ["quickReply"] = [new("text", Kind.String, Required: true), new("payload", Kind.String, Required: true), new("action", Kind.String, Enum: ["Message"])],
        ["template"] =
        [
            new("id", Kind.String), new("language", Kind.String), new("header", Kind.Object, "header"),
            new("body", Kind.Object, "body", Required: true), new("footer", Kind.Object, "footer"),
        ],
        ["header"] = [new("type", Kind.String, Required: true, Enum: ["Text", "Media"]), new("text", Kind.String), new("parameters", Kind.Array, "parameter")],
        ["body"] = [new("text", Kind.String), new("parameters", Kind.Array, "parameter", Required: true)],
        ["footer"] = [new("text", Kind.String)],
        ["parameter"] = [new("name", Kind.String), new("text", Kind.String, Required: true)],
        ["event"] = [new("eventType", Kind.String, Required: true, Enum: ["Typing"]), new("typing", Kind.Object, "typing")],
        ["typing"] = [new("type", Kind.String, Enum: ["On"]), new("duration", Kind.Integer)],
        ["reason"] = [new("code", Kind.String), new("message", Kind.String, Required: true)],
    };

    public static IReadOnlyList<string> Violations(JsonElement message)
    {
        var violations = new List<string>();
        Check(message, "message", "$", violations);
        return violations;
    }

    private static void Check(JsonElement element, string shape, string path, List<string> violations)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            violations.Add($"{path} should be an object");
            return;
        }

        var fields = Objects[shape];
        foreach (var property in element.EnumerateObject())
        {
            var field = fields.FirstOrDefault(f => f.Name == property.Name);
            if (field is null)
            {
                violations.Add($"{path}.{property.Name} is not a field of {shape}");
                continue;
            }
            CheckValue(property.Value, field, $"{path}.{property.Name}", violations);
        }
        foreach (var required in fields.Where(f => f.Required && !element.TryGetProperty(f.Name, out _)))
        {
            violations.Add($"{path} misses required {required.Name}");
        }
    }

    private static void CheckValue(JsonElement value, Field field, string path, List<string> violations)
    {
        switch (field.Kind)
        {
            case Kind.String or Kind.DateTime when value.ValueKind != JsonValueKind.String:
                violations.Add($"{path} should be a string");
                return;
            case Kind.String when field.Enum is not null && !field.Enum.Contains(value.GetString()):
                violations.Add($"{path} '{value.GetString()}' is not one of {string.Join("|", field.Enum)}");
                return;
            case Kind.DateTime when !GenesysTime().IsMatch(value.GetString()!):
                violations.Add($"{path} '{value.GetString()}' is not yyyy-MM-ddTHH:mm:ss.fffZ");
                return;
            case Kind.Boolean when value.ValueKind is not (JsonValueKind.True or JsonValueKind.False):
                violations.Add($"{path} should be a boolean");
                return;
            case Kind.Integer when value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out _):
                violations.Add($"{path} should be an integer");
                return;
            case Kind.Object:
                Check(value, field.Shape!, path, violations);
                return;
            case Kind.Array when value.ValueKind != JsonValueKind.Array:
                violations.Add($"{path} should be an array");
                return;
            case Kind.Array:
                var index = 0;
                foreach (var item in value.EnumerateArray())
                {
                    Check(item, field.Shape!, $"{path}[{index++}]", violations);
                }
                return;
        }
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")]
    private static partial Regex GenesysTime();

    private enum Kind { String, DateTime, Boolean, Integer, Object, Array }

    private sealed record Field(string Name, Kind Kind, string? Shape = null, bool Required = false, string[]? Enum = null);
}
