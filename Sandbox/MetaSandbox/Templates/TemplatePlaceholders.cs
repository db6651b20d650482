using System.Text.RegularExpressions;

namespace WhatsAppGenesys.MetaSandbox.Templates;

// The {{1}} / {{order_id}} placeholders of a template text, in the order they appear.
public static partial class TemplatePlaceholders
{
    public static IReadOnlyList<string> In(string? text) =>
        text is null ? [] : [.. Placeholder().Matches(text).Select(m => m.Groups[1].Value)];

    // POSITIONAL: {{1}}…{{n}}, each number once, none skipped (they may appear in any order).
    public static bool ArePositional(IReadOnlyList<string> names) =>
        names.All(n => n.All(char.IsAsciiDigit)) &&
        names.Select(n => int.TryParse(n, out var i) ? i : 0).Order().SequenceEqual(Enumerable.Range(1, names.Count));

    // NAMED: lower-case letters, digits and underscores, starting with a letter.
    public static bool AreNamed(IReadOnlyList<string> names) => names.All(n => NamedParameter().IsMatch(n));

    // Meta refuses a body that begins or ends with a placeholder.
    public static bool AtEdge(string text)
    {
        var trimmed = text.Trim();
        return trimmed.StartsWith("{{", StringComparison.Ordinal) || trimmed.EndsWith("}}", StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\{\{\s*([^{}\s]+)\s*\}\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    private static partial Regex NamedParameter();
}
