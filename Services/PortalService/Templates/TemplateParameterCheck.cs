using WhatsAppGenesys.Contracts.Meta;

namespace WhatsAppGenesys.PortalService.Templates;

/// <summary>
/// Whether the parameters of a send fit a template's definition, by the rules Meta applies to a send (error 132000
/// otherwise): as many body parameters as the body has distinct placeholders, named ones by their names; a header
/// parameter for a text header with a placeholder or a media or location header, of that kind; a parameter for each
/// URL button whose address ends in a placeholder. Errors are keyed by component (<c>body</c>, <c>header</c>,
/// <c>button[0]</c>) in the shape of a validation problem.
/// </summary>
public static class TemplateParameterCheck
{
    /// <summary>Body parameters Meta accepts in place of text.</summary>
    private static readonly string[] BodyTypes = ["text", "currency", "date_time"];

    public static Dictionary<string, string[]> Check(
        IReadOnlyList<MetaTemplateDefinitionComponent> definition, string parameterFormat, IReadOnlyList<MetaTemplateComponent> send)
    {
        var errors = new Dictionary<string, string[]>();
        var named = TemplateRules.IsNamed(parameterFormat);

        foreach (var unknown in send.Where(c => c.Type?.ToLowerInvariant() is not ("header" or "body" or "button")))
        {
            Add(errors, "components", $"'{unknown.Type}' is not a component of a send (header, body or button).");
        }
        foreach (var repeated in send.Where(c => c.Type?.ToLowerInvariant() is "header" or "body")
                     .GroupBy(c => c.Type!.ToLowerInvariant()).Where(g => g.Count() > 1))
        {
            Add(errors, repeated.Key, "Given more than once.");
        }

        var body = definition.FirstOrDefault(c => Is(c.Type, MetaTemplateComponentType.Body));
        CheckText("body", TemplatePlaceholders.In(body?.Text), named, Parameters(send, "body"), BodyTypes, errors);

        var header = definition.FirstOrDefault(c => Is(c.Type, MetaTemplateComponentType.Header));
        var headerParameters = Parameters(send, "header");
        var format = header?.Format?.ToUpperInvariant() ?? "TEXT";
        if (header is null || format == "TEXT")
        {
            CheckText("header", TemplatePlaceholders.In(header?.Text), named, headerParameters, ["text"], errors);
        }
        else
        {
            var kind = format.ToLowerInvariant();
            if (headerParameters.Count != 1)
            {
                Add(errors, "header", $"The {kind} header takes 1 parameter; {headerParameters.Count} given.");
            }
            else if (!string.Equals(headerParameters[0].Type, kind, StringComparison.OrdinalIgnoreCase))
            {
                Add(errors, "header", $"The header is a {kind}; the parameter is a {headerParameters[0].Type}.");
            }
        }

        CheckButtons(definition.FirstOrDefault(c => Is(c.Type, MetaTemplateComponentType.Buttons))?.Buttons ?? [], send, errors);
        return errors;
    }

    private static void CheckText(
        string component, IReadOnlyList<string> placeholders, bool named, IReadOnlyList<MetaTemplateParameter> given, string[] types,
        Dictionary<string, string[]> errors)
    {
        if (given.Count != placeholders.Count)
        {
            Add(errors, component, $"The {component} has {placeholders.Count} placeholder(s); {given.Count} parameter(s) given.");
            return;
        }
        foreach (var (parameter, index) in given.Select((p, i) => (p, i)))
        {
            if (!types.Contains(parameter.Type, StringComparer.OrdinalIgnoreCase))
            {
                Add(errors, component, $"Parameter {index + 1} is a {parameter.Type}; the {component} takes {string.Join(", ", types)}.");
            }
            else if (string.Equals(parameter.Type, "text", StringComparison.OrdinalIgnoreCase) && string.IsNullOrEmpty(parameter.Text))
            {
                Add(errors, component, $"Parameter {index + 1} has no text.");
            }
        }
        if (named)
        {
            var names = given.Select(p => p.ParameterName).ToList();
            foreach (var missing in placeholders.Except(names.OfType<string>(), StringComparer.Ordinal))
            {
                Add(errors, component, $"No parameter named '{missing}'.");
            }
            foreach (var extra in names.Where(n => n is null || !placeholders.Contains(n, StringComparer.Ordinal)))
            {
                Add(errors, component, extra is null ? "A parameter has no parameter_name (the template's placeholders are named)." : $"The {component} has no placeholder '{extra}'.");
            }
        }
    }

    private static void CheckButtons(IReadOnlyList<MetaTemplateButton> buttons, IReadOnlyList<MetaTemplateComponent> send, Dictionary<string, string[]> errors)
    {
        var given = send.Where(c => string.Equals(c.Type, "button", StringComparison.OrdinalIgnoreCase)).ToList();
        foreach (var component in given)
        {
            if (component.Index is not { } index || index < 0 || index >= buttons.Count)
            {
                Add(errors, "button", $"The template has {buttons.Count} button(s); index {component.Index?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(none)"} names none of them.");
            }
        }
        for (var index = 0; index < buttons.Count; index++)
        {
            var button = buttons[index];
            var key = $"button[{index}]";
            var parameters = given.Where(c => c.Index == index).SelectMany(c => c.Parameters ?? []).ToList();
            if (Is(button.Type, "URL") && TemplatePlaceholders.In(button.Url).Count > 0)
            {
                if (parameters.Count != 1)
                {
                    Add(errors, key, $"The URL button '{button.Text}' ends in a placeholder and takes 1 text parameter; {parameters.Count} given.");
                }
                else if (!string.Equals(parameters[0].Type, "text", StringComparison.OrdinalIgnoreCase) || string.IsNullOrEmpty(parameters[0].Text))
                {
                    Add(errors, key, $"The URL button '{button.Text}' takes a text parameter.");
                }
            }
            else if (parameters.Count > 0 && !Is(button.Type, "QUICK_REPLY") && !Is(button.Type, "COPY_CODE") && !Is(button.Type, "OTP") && !Is(button.Type, "FLOW"))
            {
                Add(errors, key, $"The {button.Type} button '{button.Text}' takes no parameters.");
            }
        }
    }

    private static List<MetaTemplateParameter> Parameters(IReadOnlyList<MetaTemplateComponent> send, string type) =>
        send.Where(c => string.Equals(c.Type, type, StringComparison.OrdinalIgnoreCase)).SelectMany(c => c.Parameters ?? []).ToList();

    private static bool Is(string? value, string expected) => string.Equals(value, expected, StringComparison.OrdinalIgnoreCase);

    private static void Add(Dictionary<string, string[]> errors, string key, string message) =>
        errors[key] = errors.TryGetValue(key, out var existing) ? [.. existing, message] : [message];
}
