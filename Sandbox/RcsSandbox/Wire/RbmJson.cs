using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace WhatsAppGenesys.RcsSandbox.Wire;

/// <summary>
/// JSON of everything that leaves in Google's shape (API answers, webhook bodies): compact, nulls omitted, accented
/// and other BMP text left as UTF-8. Emoji (astral code points) still come out \u-escaped with this encoder; the Meta
/// simulator's MinimalJsonEncoder writes them raw and would be the one to share if a receiver must meet raw emoji.
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
