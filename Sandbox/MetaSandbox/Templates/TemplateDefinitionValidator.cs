using System.Text.Json;
using System.Text.RegularExpressions;
using WhatsAppGenesys.Contracts.Meta;
using WhatsAppGenesys.MetaSandbox.Model;
using MetaError = WhatsAppGenesys.MetaSandbox.Model.MetaError;
using static WhatsAppGenesys.MetaSandbox.GraphApi.JsonReading;

namespace WhatsAppGenesys.MetaSandbox.Templates;

// Checks a POST /{waba-id}/message_templates body the way Meta does before a template goes to review, and returns it
// normalised (category, component types and formats in upper case, as Meta lists them).
public static partial class TemplateDefinitionValidator
{
    private static readonly string[] ComponentTypes =
        [MetaTemplateComponentType.Header, MetaTemplateComponentType.Body, MetaTemplateComponentType.Footer, MetaTemplateComponentType.Buttons];

    public static MetaError? Validate(JsonElement root, out MetaCreateTemplateRequest request)
    {
        request = null!;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return TemplateErrors.InvalidParameter("The request body must be a JSON object.");
        }
        if (!TryString(root, "name", out var name) || name.Length == 0)
        {
            return TemplateErrors.InvalidParameter("The parameter name is required.");
        }
        if (name.Length > 512 || !TemplateName().IsMatch(name))
        {
            return TemplateErrors.InvalidName();
        }
        if (!TryString(root, "language", out var language) || language.Length == 0)
        {
            return TemplateErrors.InvalidParameter("The parameter language is required.");
        }
        if (!LanguageCode().IsMatch(language))
        {
            return TemplateErrors.InvalidParameter($"Param language must be a supported language code such as en_US - got \"{language}\".");
        }
        var category = TryString(root, "category", out var c) ? c.ToUpperInvariant() : "";
        if (!MetaTemplateCategory.All.Contains(category))
        {
            return TemplateErrors.InvalidParameter($"Param category must be one of {{MARKETING, UTILITY, AUTHENTICATION}} - got \"{c}\".");
        }
        var format = TryString(root, "parameter_format", out var f) ? f.ToUpperInvariant() : "POSITIONAL";
        if (format is not ("POSITIONAL" or "NAMED"))
        {
            return TemplateErrors.InvalidParameter($"Param parameter_format must be one of {{POSITIONAL, NAMED}} - got \"{f}\".");
        }
        if (ReadComponents(root, out var components) is { } componentsError)
        {
            return componentsError;
        }
        if (CheckComposition(components) is { } compositionError)
        {
            return compositionError;
        }
        foreach (var component in components)
        {
            if (TemplateComponentRules.Check(component, format == "NAMED") is { } error)
            {
                return error;
            }
        }
        request = new MetaCreateTemplateRequest
        {
            Name = name,
            Language = language,
            Category = category,
            ParameterFormat = format == "NAMED" ? format : null,
            Components = components,
        };
        return null;
    }

    private static MetaError? ReadComponents(JsonElement root, out IReadOnlyList<MetaTemplateDefinitionComponent> components)
    {
        components = [];
        if (!root.TryGetProperty("components", out var element) || element.ValueKind != JsonValueKind.Array || element.GetArrayLength() == 0)
        {
            return TemplateErrors.InvalidParameter("The parameter components is required and must be a non-empty array.");
        }
        foreach (var item in element.EnumerateArray())
        {
            if (!TryString(item, "type", out var type) || !ComponentTypes.Contains(type.ToUpperInvariant()))
            {
                return TemplateErrors.InvalidParameter("Param components[]['type'] must be one of {HEADER, BODY, FOOTER, BUTTONS}.");
            }
        }
        try
        {
            var parsed = element.Deserialize<List<MetaTemplateDefinitionComponent>>(MetaJson.Options)!;
            components = [.. parsed.Select(Normalize)];
            return null;
        }
        catch (JsonException ex)
        {
            return TemplateErrors.InvalidParameter($"Param components is not a valid list of template components: {ex.Message}");
        }
    }

    // One BODY; at most one HEADER, FOOTER and BUTTONS.
    private static MetaError? CheckComposition(IReadOnlyList<MetaTemplateDefinitionComponent> components)
    {
        if (components.Count(c => c.Type == MetaTemplateComponentType.Body) != 1)
        {
            return TemplateErrors.InvalidParameter("A template needs exactly one component of type BODY.");
        }
        var repeated = components.GroupBy(c => c.Type).FirstOrDefault(g => g.Count() > 1);
        return repeated is null ? null : TemplateErrors.InvalidParameter($"A template may have only one component of type {repeated.Key}.");
    }

    private static MetaTemplateDefinitionComponent Normalize(MetaTemplateDefinitionComponent component) => component with
    {
        Type = component.Type.ToUpperInvariant(),
        Format = component.Format?.ToUpperInvariant(),
        Buttons = component.Buttons?.Select(b => b with { Type = b.Type.ToUpperInvariant() }).ToList(),
    };

    [GeneratedRegex("^[a-z0-9_]+$")]
    private static partial Regex TemplateName();

    // en, en_US, pt_BR, fil…
    [GeneratedRegex("^[a-z]{2,3}(_[A-Z]{2})?$")]
    private static partial Regex LanguageCode();
}
