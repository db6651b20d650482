using System.Text.RegularExpressions;
using WhatsAppGenesys.Contracts.Meta;

namespace WhatsAppGenesys.WhatsAppApi.DirectSend;

/// <summary>Checks a direct send request and builds the Graph body, or says what is wrong with it, field by field.</summary>
public static partial class SendMessageBuilder
{
    private const int TextLimit = 4096;
    private const int CaptionLimit = 1024;

    public static (MetaSendMessageRequest? Body, Dictionary<string, string[]>? Errors) Build(SendMessageRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        var (to, recipient) = Address(request.To);
        if (to is null && recipient is null)
        {
            errors["to"] = ["A phone number (6 to 15 digits) or a business-scoped user id is required."];
        }
        var type = (request.Type ?? "text").Trim().ToLowerInvariant();
        var body = new MetaSendMessageRequest { To = to, Recipient = recipient, Type = type };
        switch (type)
        {
            case MetaSendTypes.Text:
                if (string.IsNullOrWhiteSpace(request.Text) || request.Text.Length > TextLimit)
                {
                    errors["text"] = [$"A text of 1 to {TextLimit} characters is required."];
                }
                body = body with { Text = new MetaSendText { Body = request.Text ?? "", PreviewUrl = request.PreviewUrl } };
                break;
            case MetaSendTypes.Template:
                if (string.IsNullOrWhiteSpace(request.Template?.Name))
                {
                    errors["template.name"] = ["The template's name is required."];
                }
                body = body with { Template = Template(request.Template) };
                break;
            case MetaSendTypes.Image or MetaSendTypes.Video or MetaSendTypes.Audio or MetaSendTypes.Document:
                body = Media(body, type, request, errors);
                break;
            default:
                errors["type"] = ["One of text, template, image, video, audio or document."];
                break;
        }
        return errors.Count > 0 ? (null, errors) : (body, null);
    }

    private static MetaSendTemplate Template(SendTemplate? template) => new()
    {
        Name = template?.Name?.Trim() ?? "",
        Language = new MetaTemplateLanguage { Code = (template?.Language ?? "en_US").Trim().Replace('-', '_') },
        Components = template?.Parameters is { Count: > 0 } parameters
            ? [new MetaTemplateComponent
            {
                Type = "body",
                Parameters = parameters.Select(p => new MetaTemplateParameter { Type = "text", Text = p }).ToList(),
            }]
            : null,
    };

    private static MetaSendMessageRequest Media(MetaSendMessageRequest body, string type, SendMessageRequest request, Dictionary<string, string[]> errors)
    {
        var media = request.Media;
        var hasLink = Uri.TryCreate(media?.Link, UriKind.Absolute, out var link) && link.Scheme is "https" or "http";
        if (!hasLink && string.IsNullOrWhiteSpace(media?.Id))
        {
            errors["media"] = ["media.link (an http(s) URL) or media.id is required."];
        }
        if (type == MetaSendTypes.Audio && !string.IsNullOrEmpty(request.Text))
        {
            errors["text"] = ["Audio messages cannot have a caption."];
        }
        else if (request.Text is { Length: > CaptionLimit })
        {
            errors["text"] = [$"A caption has at most {CaptionLimit} characters."];
        }
        var content = new MetaSendMedia
        {
            Link = hasLink ? media!.Link : null,
            Id = hasLink ? null : media?.Id,
            Caption = type == MetaSendTypes.Audio || string.IsNullOrEmpty(request.Text) ? null : request.Text,
            Filename = type == MetaSendTypes.Document ? media?.Filename : null,
        };
        return type switch
        {
            MetaSendTypes.Image => body with { Image = content },
            MetaSendTypes.Video => body with { Video = content },
            MetaSendTypes.Audio => body with { Audio = content },
            _ => body with { Document = content },
        };
    }

    /// <summary>Digits go to <c>to</c>; a BSUID ("US.1349…") to <c>recipient</c>.</summary>
    public static (string? To, string? Recipient) Address(string? value)
    {
        var id = value?.Trim() ?? "";
        var digits = id.TrimStart('+').Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (digits.Length is >= 6 and <= 15 && digits.All(char.IsAsciiDigit))
        {
            return (digits, null);
        }
        return BsuidPattern().IsMatch(id) ? (null, id) : (null, null);
    }

    [GeneratedRegex("^[A-Za-z]{2}\\.(ENT\\.)?[A-Za-z0-9]{1,64}$")]
    private static partial Regex BsuidPattern();
}
