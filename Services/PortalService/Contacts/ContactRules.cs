using System.Text.RegularExpressions;

namespace WhatsAppGenesys.PortalService.Contacts;

/// <summary>
/// What a contact's name, attributes and tags may be, checked the same way for the API and for CSV imports.
/// Tags are stored trimmed and lower-case, so "VIP" and "vip" are one tag.
/// </summary>
public static partial class ContactRules
{
    public const int MaxNameLength = 256;
    public const int MaxAttributes = 50;
    public const int MaxAttributeKeyLength = 64;
    public const int MaxAttributeValueLength = 1024;
    public const int MaxTags = 50;
    public const int MaxTagLength = 64;

    /// <summary>Column names of an import that are not attributes.</summary>
    public static readonly string[] ReservedNames = ["phone", "bsuid", "name", "tags"];

    public static string? CheckName(string? name) =>
        name is { Length: > MaxNameLength } ? $"is longer than {MaxNameLength} characters" : null;

    public static string? CheckAttributes(IReadOnlyDictionary<string, string>? attributes)
    {
        if (attributes is null)
        {
            return null;
        }
        if (attributes.Count > MaxAttributes)
        {
            return $"at most {MaxAttributes} attributes";
        }
        foreach (var (key, value) in attributes)
        {
            if (!AttributeKey().IsMatch(key))
            {
                return $"'{key}' is not an attribute name (letters, digits, '_', '-' and '.', 1 to {MaxAttributeKeyLength} characters, starting with a letter)";
            }
            if (value is null || value.Length > MaxAttributeValueLength)
            {
                return $"'{key}' needs a value of at most {MaxAttributeValueLength} characters";
            }
        }
        return null;
    }

    public static string? CheckTags(IReadOnlyList<string>? tags)
    {
        if (tags is null)
        {
            return null;
        }
        if (tags.Count > MaxTags)
        {
            return $"at most {MaxTags} tags";
        }
        foreach (var tag in tags)
        {
            if (string.IsNullOrWhiteSpace(tag) || tag.Trim().Length > MaxTagLength || tag.Contains(';') || tag.Contains(','))
            {
                return $"'{tag}' is not a tag (1 to {MaxTagLength} characters, without ';' or ',')";
            }
        }
        return null;
    }

    /// <summary>Tags as stored: trimmed, lower-case, each once, in the order first given.</summary>
    public static List<string> NormalizeTags(IEnumerable<string>? tags) =>
        tags?.Select(t => t.Trim().ToLowerInvariant()).Where(t => t.Length > 0).Distinct().ToList() ?? [];

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_.-]{0,63}$")]
    private static partial Regex AttributeKey();
}
