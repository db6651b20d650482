using System.Text.Encodings.Web;

namespace WhatsAppGenesys.MetaSandbox.Webhooks;

// Escapes only what JSON requires (quote, backslash, control characters). The built-in encoders escape every
// non-ASCII character, and even UnsafeRelaxedJsonEscaping escapes emoji (astral code points) as \uD83D\uDE00;
// webhook bodies must carry the real UTF-8 so receivers are tested against raw bytes with emoji in them.
public sealed class MinimalJsonEncoder : JavaScriptEncoder
{
    public static readonly MinimalJsonEncoder Instance = new();

    private MinimalJsonEncoder()
    {
    }

    public override int MaxOutputCharactersPerInputCharacter => 6;

    public override bool WillEncode(int unicodeScalar) => unicodeScalar is < 0x20 or '"' or '\\';

    public override unsafe int FindFirstCharacterToEncode(char* text, int textLength)
    {
        for (var i = 0; i < textLength; i++)
        {
            var c = text[i];
            if (c < 0x20 || c == '"' || c == '\\' || (char.IsSurrogate(c) && !IsValidPair(text, textLength, ref i)))
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
            '\n' => "\\n",
            '\r' => "\\r",
            '\t' => "\\t",
            '\b' => "\\b",
            '\f' => "\\f",
            < 0x20 => $"\\u{unicodeScalar:X4}",
            _ => char.ConvertFromUtf32(unicodeScalar),
        };
        if (escaped.Length > bufferLength)
        {
            numberOfCharactersWritten = 0;
            return false;
        }
        for (var i = 0; i < escaped.Length; i++)
        {
            buffer[i] = escaped[i];
        }
        numberOfCharactersWritten = escaped.Length;
        return true;
    }

    // A well-formed surrogate pair is written as is; a lone surrogate is left to the writer to replace.
    private static unsafe bool IsValidPair(char* text, int textLength, ref int i)
    {
        if (char.IsHighSurrogate(text[i]) && i + 1 < textLength && char.IsLowSurrogate(text[i + 1]))
        {
            i++;
            return true;
        }
        return false;
    }
}
