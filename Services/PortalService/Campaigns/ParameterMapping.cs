using System.Globalization;
using WhatsAppGenesys.Contracts.Meta;
using WhatsAppGenesys.PortalService.Audience;

namespace WhatsAppGenesys.PortalService.Campaigns;

/// <summary>
/// Fills a template's parameters for one contact from the campaign's mapping, and builds the components of the send.
/// A contact lacking an attribute the mapping needs (or a name) is not sent a message with a hole in it: it is skipped
/// with the attribute's name as the reason.
/// </summary>
public static class ParameterMapping
{
    public const string Body = "body";
    public const string Header = "header";

    /// <summary>The values for this contact in mapping order, or the first thing the contact lacks.</summary>
    public static (IReadOnlyList<string>? Values, string? Missing) Render(IReadOnlyList<CampaignParameter> mapping, AudienceMember member)
    {
        var values = new List<string>(mapping.Count);
        foreach (var parameter in mapping)
        {
            var value = (parameter.Source ?? ParameterSources.Attribute) switch
            {
                ParameterSources.Literal => parameter.Value,
                ParameterSources.Name => member.Name,
                ParameterSources.Phone => member.PhoneNumber,
                _ => parameter.Value is { } key && member.Attributes.TryGetValue(key, out var attribute) ? attribute : null,
            };
            if (string.IsNullOrWhiteSpace(value))
            {
                return (null, parameter.Source is ParameterSources.Name or ParameterSources.Phone ? parameter.Source : $"attribute '{parameter.Value}'");
            }
            values.Add(value.Trim());
        }
        return (values, null);
    }

    /// <summary>
    /// The send's components: a header and/or a body component, parameters in placeholder order (positional) or with
    /// their names (named templates); null when the template takes no parameters.
    /// </summary>
    public static IReadOnlyList<MetaTemplateComponent>? Components(IReadOnlyList<CampaignParameter> mapping, IReadOnlyList<string> values, bool named)
    {
        if (mapping.Count == 0)
        {
            return null;
        }
        var components = new List<MetaTemplateComponent>();
        foreach (var component in new[] { Header, Body })
        {
            var parameters = mapping.Select((p, i) => (Parameter: p, Value: values[i]))
                .Where(p => ComponentOf(p.Parameter) == component)
                .OrderBy(p => named ? 0 : PositionOf(p.Parameter))
                .Select(p => new MetaTemplateParameter { Type = "text", Text = p.Value, ParameterName = named ? p.Parameter.Name : null })
                .ToList();
            if (parameters.Count > 0)
            {
                components.Add(new MetaTemplateComponent { Type = component, Parameters = parameters });
            }
        }
        return components;
    }

    /// <summary>Sample values (a literal's own text, else the placeholder's name) for checking the mapping against the template.</summary>
    public static IReadOnlyList<string> Samples(IReadOnlyList<CampaignParameter> mapping) =>
        mapping.Select(p => p.Source == ParameterSources.Literal && !string.IsNullOrWhiteSpace(p.Value) ? p.Value : "sample").ToList();

    public static string ComponentOf(CampaignParameter parameter) => (parameter.Component ?? Body).Trim().ToLowerInvariant();

    private static int PositionOf(CampaignParameter parameter) =>
        int.TryParse(parameter.Name, NumberStyles.None, CultureInfo.InvariantCulture, out var position) ? position : int.MaxValue;
}
