namespace WhatsAppGenesys.OutboundTransformer.Mapping;

/// <summary>Cuts text into pieces WhatsApp accepts, at whitespace where there is any, never inside a surrogate pair.</summary>
public static class TextSplitter
{
    public const int WhatsAppTextLimit = 4096;

    public static IReadOnlyList<string> Split(string text, int limit = WhatsAppTextLimit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 2);
        var parts = new List<string>();
        var rest = text;
        while (rest.Length > limit)
        {
            var cut = CutPoint(rest, limit);
            if (rest[..cut].TrimEnd() is { Length: > 0 } piece)
            {
                parts.Add(piece);
            }
            rest = rest[cut..].TrimStart();
        }
        if (rest.Length > 0 || parts.Count == 0)
        {
            parts.Add(rest);
        }
        return parts;
    }

    // The last whitespace at or before the limit (a space right at the limit still lets the piece be full);
    // without any, a hard cut that does not split an emoji.
    private static int CutPoint(string text, int limit)
    {
        var firstVisible = 0;
        while (firstVisible < limit && char.IsWhiteSpace(text[firstVisible]))
        {
            firstVisible++;
        }
        for (var i = limit; i > firstVisible; i--)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                return i;
            }
        }
        return char.IsHighSurrogate(text[limit - 1]) ? limit - 1 : limit;
    }

    /// <summary>At most <paramref name="limit"/> characters, with "…" when cut.</summary>
    public static string Truncate(string text, int limit)
    {
        if (text.Length <= limit)
        {
            return text;
        }
        var cut = char.IsHighSurrogate(text[limit - 2]) ? limit - 2 : limit - 1;
        return text[..cut] + "…";
    }
}
