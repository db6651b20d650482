using System.Globalization;
using System.Text.RegularExpressions;
using WhatsAppGenesys.GenesysSandbox.Model;
using WhatsAppGenesys.GenesysSandbox.OpenMessaging;

namespace WhatsAppGenesys.GenesysSandbox.Agent;

/// <summary>
/// Turns an outbound message into the Open Messaging outbound webhook payload Genesys would post: channel.id and
/// channel.from.id = the integration, channel.to = the customer as the middleware identified them, id = messageId.
/// Genesys documents the payload as the same whether an agent or an agentless API call sent the message, so no sender
/// appears in it.
/// </summary>
public static partial class OutboundPayloadBuilder
{
    public static OutboundMessage Build(string id, DateTimeOffset now, Integration integration, Conversation conversation,
        Customer customer, OutboundShape shape, string? originatingEntity) => new()
    {
        Id = id,
        Channel = new OutboundChannel
        {
            Id = integration.Id,
            To = new OutboundRecipient { Id = customer.Id, IdType = customer.IdType },
            From = new OutboundRecipient { Nickname = integration.Name, Id = integration.Id, IdType = "Opaque" },
            Time = FormatTime(now),
            MessageId = id,
        },
        Type = shape.Type,
        Text = shape.Text,
        Content = shape.Content,
        Events = shape.Events,
        OriginatingEntity = originatingEntity,
        ConversationId = conversation.Id.ToString(),
    };

    /// <summary>Genesys's timestamp format: UTC with milliseconds, e.g. 2026-03-25T13:20:05.493Z.</summary>
    public static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static string MediaTypeFor(string mime) => mime.Split('/')[0].ToLowerInvariant() switch
    {
        "image" => "Image",
        "video" => "Video",
        "audio" => "Audio",
        _ => "File",
    };

    public static OutboundContent QuickReply(AgentQuickReply option) => new()
    {
        ContentType = "QuickReply",
        QuickReply = new OutboundQuickReply { Text = option.Text!, Payload = string.IsNullOrEmpty(option.Payload) ? option.Text! : option.Payload },
    };

    public static OutboundContent Notification(AgentNotification notification)
    {
        var parameters = (notification.Parameters ?? [])
            .Select(p => new TemplateParameter { Name = p.Name, Text = p.Text! })
            .ToList();
        return new OutboundContent
        {
            ContentType = "Notification",
            Template = new NotificationTemplate
            {
                Id = notification.Id ?? (notification.Namespace is { Length: > 0 } ns ? $"{ns}@{notification.Name}" : notification.Name),
                Language = notification.Language,
                Header = notification.HeaderText is { } header ? new TemplateHeader { Text = header } : null,
                Body = new TemplateBody { Text = Render(notification.BodyText, parameters), Parameters = parameters },
                Footer = notification.FooterText is { } footer ? new TemplateFooter { Text = footer } : null,
            },
        };
    }

    /// <summary>Fills {{1}}-style (position) or {{name}}-style placeholders, as the agent UI shows the rendered body.</summary>
    public static string? Render(string? bodyText, IReadOnlyList<TemplateParameter> parameters)
    {
        if (bodyText is null)
        {
            return null;
        }

        return PlaceholderRegex().Replace(bodyText, match =>
        {
            var key = match.Groups[1].Value;
            if (int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var position) &&
                position >= 1 && position <= parameters.Count)
            {
                return parameters[position - 1].Text;
            }
            return parameters.FirstOrDefault(p => p.Name == key)?.Text ?? match.Value;
        });
    }

    /// <summary>Checks an agent request; null when it can be sent.</summary>
    public static string? Validate(AgentMessageRequest request)
    {
        var kinds = new object?[] { request.Attachment, request.QuickReplies, request.Notification, request.Typing }.Count(k => k is not null);
        if (kinds > 1)
        {
            return "Send one of attachment, quickReplies, notification or typing per message.";
        }
        if (kinds == 0 && string.IsNullOrEmpty(request.Text))
        {
            return "An agent message needs text, an attachment, quickReplies, a notification or typing.";
        }
        if (request.OriginatingEntity is { } entity && entity is not ("Human" or "Bot"))
        {
            return "originatingEntity must be Human or Bot.";
        }

        if (request.Attachment is { } attachment)
        {
            if (string.IsNullOrEmpty(attachment.Base64) || !IsBase64(attachment.Base64))
            {
                return "attachment.base64 must hold the file bytes as Base64.";
            }
            if (string.IsNullOrEmpty(attachment.Mime))
            {
                return "attachment.mime is required.";
            }
            if (attachment.MediaType is { } mediaType && !InboundValidator.MediaTypes.Contains(mediaType, StringComparer.Ordinal))
            {
                return $"attachment.mediaType must be one of {string.Join(", ", InboundValidator.MediaTypes)}.";
            }
        }

        if (request.QuickReplies is { } options && (options.Count == 0 || options.Any(o => string.IsNullOrEmpty(o?.Text))))
        {
            return "quickReplies needs at least one option, each with text.";
        }

        if (request.Notification is { } notification)
        {
            if (string.IsNullOrEmpty(notification.Id) && string.IsNullOrEmpty(notification.Name))
            {
                return "notification needs id (namespace@name) or name.";
            }
            if (string.IsNullOrEmpty(notification.Language))
            {
                return "notification.language is required.";
            }
            if (notification.Parameters?.Any(p => p?.Text is null) == true)
            {
                return "Every notification parameter needs text.";
            }
        }

        if (request.Typing is { DurationMs: < 0 })
        {
            return "typing.durationMs must not be negative.";
        }

        return null;
    }

    private static bool IsBase64(string value)
    {
        var buffer = new byte[value.Length];
        return Convert.TryFromBase64String(value, buffer, out _);
    }

    [GeneratedRegex(@"\{\{\s*([A-Za-z0-9_]+)\s*\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex PlaceholderRegex();
}
