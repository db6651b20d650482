using System.Text.RegularExpressions;
using WhatsAppGenesys.Contracts.Meta;

namespace WhatsAppGenesys.PortalService.Templates;

/// <summary>
/// What we check before asking Meta: the shape of names, languages and categories. Everything about the definition
/// itself (placeholders, examples, lengths) is Meta's to judge, and its answer is passed back as it is.
/// </summary>
public static partial class TemplateRules
{
    public const int MaxNameLength = 512;

    public const string Positional = "POSITIONAL";
    public const string Named = "NAMED";

    /// <summary>Whether a template's parameters are named ({{first_name}}) rather than positional ({{1}}).</summary>
    public static bool IsNamed(string? parameterFormat) => string.Equals(parameterFormat, Named, StringComparison.OrdinalIgnoreCase);

    /// <summary>Meta's rule: lower-case letters, digits and underscores.</summary>
    public static bool IsName(string? name) => name is { Length: > 0 and <= MaxNameLength } && NamePattern().IsMatch(name);

    /// <summary>A language code as Meta lists them: "en", "en_US", "pt_BR", "zh_CN".</summary>
    public static bool IsLanguage(string? language) => language is { Length: > 0 } && LanguagePattern().IsMatch(language);

    public static Dictionary<string, string[]> ValidateCreate(CreateTemplateRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (!IsName(request.Name))
        {
            errors["name"] = [$"Lower-case letters, digits and underscores, 1 to {MaxNameLength} characters."];
        }
        if (!IsLanguage(request.Language))
        {
            errors["language"] = ["A language code such as en or en_US."];
        }
        if (request.Category is null || !MetaTemplateCategory.All.Contains(request.Category.ToUpperInvariant()))
        {
            errors["category"] = [$"One of {string.Join(", ", MetaTemplateCategory.All)}."];
        }
        if (request.ParameterFormat is { } format && format.ToUpperInvariant() is not (Positional or Named))
        {
            errors["parameterFormat"] = [$"{Positional} or {Named}."];
        }
        if (request.Components is not { Count: > 0 })
        {
            errors["components"] = ["At least a BODY component."];
        }
        return errors;
    }

    [GeneratedRegex("^[a-z0-9_]+$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[a-z]{2,3}(_[A-Za-z]{2,4})?$")]
    private static partial Regex LanguagePattern();
}
