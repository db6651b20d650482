using System.Text.RegularExpressions;
using WhatsAppGenesys.Contracts.Genesys;
using WhatsAppGenesys.Contracts.Meta;

namespace WhatsAppGenesys.OutboundTransformer.Mapping;

/// <summary>
/// A Genesys notification (template) → a WhatsApp template message. Genesys names the template "namespace@name" and
/// gives the parameters in order; WhatsApp fills <c>{{1}}</c>, <c>{{2}}</c>… (or named <c>{{order_id}}</c>) from
/// them. When Genesys also gives the template text with its placeholders, the parameter count is checked here,
/// because Meta's own 132000 rejection arrives only after the agent thinks the message went out.
/// </summary>
public static partial class TemplateMapper
{
    public static (MetaSendTemplate? Template, OutboundPlan.Reject? Rejection) Map(
        GenesysNotificationTemplate template, string defaultLanguage, HostedMedia? headerMedia)
    {
        var name = NameOf(template.Id);
        if (name is null)
        {
            return (null, Invalid("The template has no name (expected \"namespace@name\")."));
        }
        var components = new List<MetaTemplateComponent>();

        var (header, headerError) = Header(template.Header, headerMedia);
        if (headerError is not null) return (null, headerError);
        if (header is not null) components.Add(header);

        var (body, bodyError) = TextComponent("body", template.Body?.Text, template.Body?.Parameters);
        if (bodyError is not null) return (null, bodyError);
        if (body is not null) components.Add(body);

        return (new MetaSendTemplate
        {
            Name = name,
            Language = new MetaTemplateLanguage { Code = LanguageCode(template.Language ?? defaultLanguage) },
            Components = components.Count > 0 ? components : null,
        }, null);
    }

    private static (MetaTemplateComponent?, OutboundPlan.Reject?) Header(GenesysTemplateHeader? header, HostedMedia? media)
    {
        if (header?.Media is { } attachment)
        {
            return MediaHeader(attachment, media);
        }
        return TextComponent("header", header?.Text, header?.Parameters);
    }

    private static (MetaTemplateComponent?, OutboundPlan.Reject?) MediaHeader(GenesysAttachment attachment, HostedMedia? media)
    {
        if (media is null)
        {
            return (null, new OutboundPlan.Reject(GenesysReasonCode.GeneralError,
                "The template's header media could not be prepared for WhatsApp."));
        }
        var link = new MetaSendMedia { Link = media.Link };
        var parameter = attachment.MediaType switch
        {
            GenesysMediaType.Image => new MetaTemplateParameter { Type = "image", Image = link },
            GenesysMediaType.Video => new MetaTemplateParameter { Type = "video", Video = link },
            GenesysMediaType.File => new MetaTemplateParameter { Type = "document", Document = link with { Filename = attachment.Filename } },
            _ => null,
        };
        return parameter is null
            ? (null, new OutboundPlan.Reject(GenesysReasonCode.MediaTypeNotAllowed,
                $"A WhatsApp template header cannot be {attachment.MediaType}."))
            : (new MetaTemplateComponent { Type = "header", Parameters = [parameter] }, null);
    }

    private static (MetaTemplateComponent?, OutboundPlan.Reject?) TextComponent(
        string type, string? text, IReadOnlyList<GenesysTemplateParameter>? parameters)
    {
        parameters ??= [];
        var placeholders = Placeholders(text);
        var named = placeholders.Count > 0 && placeholders.All(p => !p.All(char.IsAsciiDigit));
        var error = placeholders.Count == 0 ? null : named ? CheckNamed(type, placeholders, parameters) : CheckNumbered(type, placeholders, parameters);
        if (error is not null)
        {
            return (null, error);
        }
        if (parameters.Count == 0)
        {
            return (null, null);
        }
        return (new MetaTemplateComponent
        {
            Type = type,
            Parameters = parameters.Select(p => new MetaTemplateParameter
            {
                Type = "text", Text = p.Text, ParameterName = named ? p.Name : null,
            }).ToList(),
        }, null);
    }

    private static OutboundPlan.Reject? CheckNumbered(string type, IReadOnlyList<string> placeholders,
        IReadOnlyList<GenesysTemplateParameter> parameters)
    {
        if (placeholders.Any(p => !p.All(char.IsAsciiDigit)))
        {
            return Invalid($"The template {type} mixes numbered and named placeholders.");
        }
        var numbers = placeholders.Select(int.Parse).ToHashSet();
        if (!numbers.SetEquals(Enumerable.Range(1, numbers.Count)))
        {
            return Invalid($"The template {type} placeholders must be numbered {{{{1}}}} to {{{{{numbers.Count}}}}}.");
        }
        return numbers.Count == parameters.Count
            ? null
            : Invalid($"The template {type} has {numbers.Count} placeholders but {parameters.Count} parameters were given.");
    }

    private static OutboundPlan.Reject? CheckNamed(string type, IReadOnlyList<string> placeholders,
        IReadOnlyList<GenesysTemplateParameter> parameters)
    {
        var expected = placeholders.ToHashSet(StringComparer.Ordinal);
        var given = parameters.Select(p => p.Name ?? "").ToHashSet(StringComparer.Ordinal);
        if (expected.SetEquals(given) && given.Count == parameters.Count)
        {
            return null;
        }
        var missing = expected.Except(given).ToList();
        return Invalid(missing.Count > 0
            ? $"The template {type} needs parameters {string.Join(", ", missing)}, which were not given."
            : $"The template {type} has {expected.Count} placeholders but {parameters.Count} parameters were given.");
    }

    /// <summary>Distinct placeholder names in order of appearance: "1", "2" or "order_id".</summary>
    public static IReadOnlyList<string> Placeholders(string? text) =>
        text is null ? [] : PlaceholderPattern().Matches(text).Select(m => m.Groups[1].Value).Distinct().ToList();

    private static string? NameOf(string? templateId)
    {
        var name = templateId?[(templateId.LastIndexOf('@') + 1)..].Trim();
        return string.IsNullOrEmpty(name) ? null : name;
    }

    /// <summary>WhatsApp spells languages "en_US"; Genesys and BCP 47 write "en-US".</summary>
    private static string LanguageCode(string language) => language.Trim().Replace('-', '_');

    private static OutboundPlan.Reject Invalid(string message) =>
        new(GenesysReasonCode.InvalidMessageStructure, message);

    [GeneratedRegex(@"\{\{\s*([A-Za-z0-9_]+)\s*\}\}")]
    private static partial Regex PlaceholderPattern();
}
