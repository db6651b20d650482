using System.Text.RegularExpressions;

namespace WhatsAppGenesys.PortalService.Templates;

/// <summary>The placeholders of a template text: <c>{{1}}</c>… when positional, <c>{{order_id}}</c>… when named.</summary>
public static partial class TemplatePlaceholders
{
    /// <summary>The distinct placeholders in order of first appearance ({{1}} twice is one parameter).</summary>
    public static IReadOnlyList<string> In(string? text) =>
        text is null ? [] : Placeholder().Matches(text).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal).ToList();

    [GeneratedRegex(@"\{\{\s*([A-Za-z0-9_]+)\s*\}\}")]
    private static partial Regex Placeholder();
}
