using WhatsAppGenesys.PortalService.Contacts;
using WhatsAppGenesys.PortalService.Templates;

namespace WhatsAppGenesys.PortalService.Campaigns;

/// <summary>What a campaign request must be, field by field, before the template itself is checked.</summary>
public static class CampaignRules
{
    public const int MaxNameLength = 200;
    public const int MaxParameters = 20;
    public const double MaxMessagesPerSecond = 1000;

    public static Dictionary<string, string[]> Validate(CreateCampaignRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Trim().Length > MaxNameLength)
        {
            errors["name"] = [$"A name of 1 to {MaxNameLength} characters."];
        }
        if (!TemplateRules.IsName(request.Template?.Name))
        {
            errors["template.name"] = ["A template name: lower-case letters, digits and underscores."];
        }
        if (!TemplateRules.IsLanguage(request.Template?.Language))
        {
            errors["template.language"] = ["A language code such as en or en_US."];
        }
        CheckParameters(request.Parameters ?? [], errors);
        var lists = request.Audience?.Lists ?? [];
        var tags = request.Audience?.Tags ?? [];
        if (lists.Count == 0 && tags.Count == 0)
        {
            errors["audience"] = ["Name at least one list or tag."];
        }
        else if (ContactRules.CheckTags(tags) is { } tagError)
        {
            errors["audience.tags"] = [tagError];
        }
        if (request.MessagesPerSecond is { } rate && (double.IsNaN(rate) || rate <= 0 || rate > MaxMessagesPerSecond))
        {
            errors["messagesPerSecond"] = [$"More than 0 and at most {MaxMessagesPerSecond}."];
        }
        return errors;
    }

    private static void CheckParameters(IReadOnlyList<CampaignParameter> parameters, Dictionary<string, string[]> errors)
    {
        if (parameters.Count > MaxParameters)
        {
            errors["parameters"] = [$"At most {MaxParameters} parameters."];
            return;
        }
        for (var i = 0; i < parameters.Count; i++)
        {
            var p = parameters[i];
            var problems = new List<string>();
            if (ParameterMapping.ComponentOf(p) is not (ParameterMapping.Body or ParameterMapping.Header))
            {
                problems.Add("component is body or header.");
            }
            if (string.IsNullOrWhiteSpace(p.Name))
            {
                problems.Add("name is the placeholder: 1, 2… or the parameter's name.");
            }
            var source = p.Source ?? ParameterSources.Attribute;
            if (!ParameterSources.All.Contains(source))
            {
                problems.Add($"source is one of {string.Join(", ", ParameterSources.All)}.");
            }
            else if (source is ParameterSources.Attribute or ParameterSources.Literal && string.IsNullOrWhiteSpace(p.Value))
            {
                problems.Add(source == ParameterSources.Attribute ? "value names the contact attribute." : "value is the text to send.");
            }
            if (problems.Count > 0)
            {
                errors[$"parameters[{i}]"] = [.. problems];
            }
        }
    }
}
