using WhatsAppGenesys.GenesysSandbox.Model;

namespace WhatsAppGenesys.GenesysSandbox.Agent;

/// <summary>
/// The simulated agent: turns the control API's request into an outbound message and hands it to the
/// <see cref="OutboundMessageSender"/>. The caller gets the id at once; the webhook is posted asynchronously.
/// </summary>
public sealed class AgentMessageService(IntegrationRegistry registry, DownloadStore downloads, OutboundMessageSender sender)
{
    /// <summary>Sends the agent message; returns the accepted message or a sentence saying what is wrong with the request.</summary>
    public (AgentMessageAccepted? Accepted, string? Error) Send(Conversation conversation, AgentMessageRequest request, string downloadBaseUrl)
    {
        if (OutboundPayloadBuilder.Validate(request) is { } error)
        {
            return (null, error);
        }
        if (!registry.TryGetIntegration(conversation.IntegrationId, out var integration))
        {
            return (null, $"Integration {conversation.IntegrationId} is no longer registered.");
        }

        // Genesys's typing events carry no originatingEntity (see the captured event payloads).
        var originatingEntity = request.Typing is null ? request.OriginatingEntity ?? "Human" : null;
        var message = sender.Send(conversation, integration, Shape(request, downloadBaseUrl), originatingEntity, MessageSenders.Agent,
            request.Time);
        return (new AgentMessageAccepted(message.Id!, conversation.Id, message.Type, DeliveryStatus.Pending), null);
    }

    private OutboundShape Shape(AgentMessageRequest request, string downloadBaseUrl)
    {
        if (request.Typing is { } typing)
        {
            return new OutboundShape("Event", null, Events: [new OutboundEvent { Typing = new OutboundTyping { Duration = typing.DurationMs ?? 5000 } }]);
        }

        if (request.QuickReplies is { } options)
        {
            return new OutboundShape("Structured", request.Text, [.. options.Select(OutboundPayloadBuilder.QuickReply)]);
        }

        if (request.Notification is { } notification)
        {
            var template = OutboundPayloadBuilder.Notification(notification);
            return new OutboundShape("Structured", request.Text ?? template.Template!.Body.Text, [template]);
        }

        if (request.Attachment is { } attachment)
        {
            var bytes = Convert.FromBase64String(attachment.Base64!);
            var download = downloads.Add(bytes, attachment.Mime!, attachment.Filename);
            return new OutboundShape("Text", request.Text,
            [
                new OutboundContent
                {
                    ContentType = "Attachment",
                    Attachment = new OutboundAttachment
                    {
                        Id = Guid.NewGuid().ToString(),
                        MediaType = attachment.MediaType ?? OutboundPayloadBuilder.MediaTypeFor(attachment.Mime!),
                        Url = $"{downloadBaseUrl.TrimEnd('/')}/api/v2/downloads/{download.Id}",
                        Mime = attachment.Mime!,
                        Filename = attachment.Filename,
                        ContentSizeBytes = bytes.LongLength,
                    },
                },
            ]);
        }

        return new OutboundShape("Text", request.Text);
    }
}
