using WhatsAppGenesys.Contracts.Agents;
using WhatsAppGenesys.Contracts.Meta;
using WhatsAppGenesys.PortalService.Contacts;
using WhatsAppGenesys.PortalService.Templates;

namespace WhatsAppGenesys.PortalService.Agents;

/// <summary>
/// The composer's template form: which of a tenant's approved templates an agent can fill in, the fields to fill
/// (prefilled from the customer's contact), and the send's components from what the agent typed.
/// </summary>
public static class AgentTemplateForms
{
    public const string Header = "header";
    public const string Body = "body";

    /// <summary>
    /// The template as a form, or null when the composer cannot fill it: a media or location header needs a file, and
    /// a URL button's placeholder a link, which the composer does not collect (campaigns send those).
    /// </summary>
    public static AgentTemplateChoice? Choice(MessageTemplateRow template, Contact? contact)
    {
        var definition = TemplateDefinition.Deserialize(template.Components);
        var header = Find(definition, MetaTemplateComponentType.Header);
        var body = Find(definition, MetaTemplateComponentType.Body);
        if (body?.Text is null
            || header?.Format is { } format && !format.Equals("TEXT", StringComparison.OrdinalIgnoreCase)
            || (Find(definition, MetaTemplateComponentType.Buttons)?.Buttons ?? []).Any(b => TemplatePlaceholders.In(b.Url).Count > 0))
        {
            return null;
        }
        var named = TemplateRules.IsNamed(template.ParameterFormat);
        var fields = Fields(Header, header?.Text, header?.Example, named, contact)
            .Concat(Fields(Body, body.Text, body.Example, named, contact))
            .ToList();
        return new AgentTemplateChoice(template.Name, template.Language, template.Category, header?.Text, body.Text,
            Find(definition, MetaTemplateComponentType.Footer)?.Text, fields);
    }

    /// <summary>
    /// The contact's value for a placeholder: the attribute of the same name (ignoring case), else their name for
    /// <c>name</c>, <c>customer_name</c> and <c>first_name</c> (its first word). Positional placeholders (<c>1</c>,
    /// <c>2</c>) say nothing about what they hold, so they are left for the agent.
    /// </summary>
    public static string? Prefill(string placeholder, Contact? contact)
    {
        if (contact is null)
        {
            return null;
        }
        var attribute = contact.Attributes.FirstOrDefault(a => a.Key.Equals(placeholder, StringComparison.OrdinalIgnoreCase));
        if (!string.IsNullOrWhiteSpace(attribute.Value))
        {
            return attribute.Value;
        }
        return placeholder.ToLowerInvariant() switch
        {
            "name" or "customer_name" => contact.Name,
            "first_name" => contact.Name?.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault(),
            _ => null,
        };
    }

    /// <summary>
    /// The send's components in Meta's shape, or the first field left empty. Values are matched to the form's fields by
    /// component and placeholder; positional parameters go in placeholder order, named ones with their names.
    /// </summary>
    public static (IReadOnlyList<MetaTemplateComponent>? Components, string? Missing) Components(
        AgentTemplateChoice choice, IReadOnlyList<AgentTemplateValue> values, bool named)
    {
        var components = new List<MetaTemplateComponent>();
        foreach (var component in new[] { Header, Body })
        {
            var parameters = new List<MetaTemplateParameter>();
            foreach (var field in choice.Fields.Where(f => f.Component == component))
            {
                var value = values.FirstOrDefault(v => v.Component.Equals(component, StringComparison.OrdinalIgnoreCase) && v.Name == field.Name)?.Value;
                if (string.IsNullOrWhiteSpace(value))
                {
                    return (null, $"{component} {{{{{field.Name}}}}}");
                }
                parameters.Add(new MetaTemplateParameter { Type = "text", Text = value.Trim(), ParameterName = named ? field.Name : null });
            }
            if (parameters.Count > 0)
            {
                components.Add(new MetaTemplateComponent { Type = component, Parameters = parameters });
            }
        }
        return (components, null);
    }

    /// <summary>The text the customer will read: the body with the values in place of its placeholders.</summary>
    public static string Render(string text, string component, IReadOnlyList<AgentTemplateValue> values) =>
        values.Where(v => v.Component.Equals(component, StringComparison.OrdinalIgnoreCase))
            .Aggregate(text, (rendered, v) => System.Text.RegularExpressions.Regex.Replace(rendered,
                @"\{\{\s*" + System.Text.RegularExpressions.Regex.Escape(v.Name) + @"\s*\}\}", v.Value.Replace("$", "$$", StringComparison.Ordinal)));

    private static IEnumerable<AgentTemplateField> Fields(string component, string? text, MetaTemplateExample? example, bool named, Contact? contact) =>
        TemplatePlaceholders.In(text).Select((placeholder, i) =>
            new AgentTemplateField(component, placeholder, Example(component, placeholder, i, example, named), Prefill(placeholder, contact)));

    private static string? Example(string component, string placeholder, int index, MetaTemplateExample? example, bool named)
    {
        if (example is null)
        {
            return null;
        }
        if (named)
        {
            var namedExamples = component == Header ? example.HeaderTextNamedParams : example.BodyTextNamedParams;
            return namedExamples?.FirstOrDefault(e => e.ParamName == placeholder)?.Example;
        }
        var positional = component == Header ? example.HeaderText : example.BodyText?.FirstOrDefault();
        return positional is not null && index < positional.Count ? positional[index] : null;
    }

    private static MetaTemplateDefinitionComponent? Find(IReadOnlyList<MetaTemplateDefinitionComponent> definition, string type) =>
        definition.FirstOrDefault(c => c.Type.Equals(type, StringComparison.OrdinalIgnoreCase));
}
