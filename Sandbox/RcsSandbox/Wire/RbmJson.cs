using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace WhatsAppGenesys.RcsSandbox.Wire;

/// <summary>
/// JSON of everything that leaves in Google's shape (API answers, webhook bodies): compact, nulls omitted, non-ASCII
/// text left as UTF-8 rather than \u-escaped, so receivers are tested against the raw bytes.
/// </summary>
public static class RbmJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = false,
    };
}
