using System.Text.Encodings.Web;

namespace WhatsAppGenesys.GenesysSandbox.Model;

/// <summary>
/// Escapes only what JSON itself requires (quote, backslash, control characters), the way Genesys (Jackson) and
/// Node's JSON.stringify write JSON. System.Text.Json's built-in encoders \u-escape every emoji, which would make
/// the webhook body differ from JSON.stringify(JSON.parse(body)) – the very form Genesys's signature sample hashes.
/// </summary>
internal sealed class JsonStringifyEncoder : JavaScriptEncoder
{
    public static JsonStringifyEncoder Instance { get; } = new();

    public override int MaxOutputCharactersPerInputCharacter => 6;

    public override bool WillEncode(int unicodeScalar) => unicodeScalar is < 0x20 or '"' or '\\';

    public override unsafe int FindFirstCharacterToEncode(char* text, int textLength)
    {
        for (var i = 0; i < textLength; i++)
        {
            if (WillEncode(text[i]))
            {
                return i;
            }
        }
        return -1;
    }

    public override unsafe bool TryEncodeUnicodeScalar(int unicodeScalar, char* buffer, int bufferLength, out int numberOfCharactersWritten)
    {
        var escaped = unicodeScalar switch
        {
            '"' => "\\\"",
            '\\' => "\\\\",
            '\b' => "\\b",
            '\f' => "\\f",
            '\n' => "\\n",
            '\r' => "\\r",
            '\t' => "\\t",
            < 0x20 => $"\\u{unicodeScalar:x4}",
            _ => char.ConvertFromUtf32(unicodeScalar),
        };
        if (escaped.Length > bufferLength)
        {
            numberOfCharactersWritten = 0;
            return false;
        }

        escaped.AsSpan().CopyTo(new Span<char>(buffer, bufferLength));
        numberOfCharactersWritten = escaped.Length;
        return true;
    }
}
