using System.Text.Json;
using WhatsAppGenesys.GenesysSandbox.Model;
using WhatsAppGenesys.GenesysSandbox.OpenMessaging;
using WhatsAppGenesys.GenesysSandbox.Webhooks;

namespace WhatsAppGenesys.GenesysSandbox.Agent;

/// <summary>
/// The simulated agent: records the message in the conversation, then hands its webhook payload to the dispatcher,
/// which posts it in conversation order with Genesys's retry policy. The caller gets the id at once.
/// </summary>
public sealed class AgentMessageService(
    ConversationStore store,
    IntegrationRegistry registry,
    DownloadStore downloads,
    WebhookDispatcher dispatcher,
    TimeProvider time)
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

        var id = InboundService.NewMessageId();
        var now = time.GetUtcNow();
        var originatingEntity = request.OriginatingEntity ?? "Human";
        var (type, text, content, events) = Shape(request, downloadBaseUrl);
        if (request.Typing is not null)
        {
            // Genesys's typing events carry no originatingEntity (see the captured event payloads).
            originatingEntity = null;
        }

        lock (conversation.Gate)
        {
            var payload = OutboundPayloadBuilder.Build(id, request.Time ?? now, integration, conversation, conversation.Customer, type, text,
                content, events, originatingEntity);
            var message = new ConversationMessage
            {
                Id = id,
                Direction = MessageDirection.Outbound,
                Type = type,
                Text = text,
                ChannelMessageId = id,
                Time = payload.Channel.Time,
                ReceivedAt = now,
                Payload = payload,
                DeliveryStatus = DeliveryStatus.Pending,
            };
            conversation.AppendLocked(message);
            store.RegisterAgentMessage(conversation, message);
            // Enqueued under the conversation's lock so the posting order is the order the agent sent in.
            dispatcher.Enqueue(conversation, message, JsonSerializer.SerializeToUtf8Bytes(payload, SandboxJson.Options));
        }

        return (new AgentMessageAccepted(id, conversation.Id, type, DeliveryStatus.Pending), null);
    }

    private (string Type, string? Text, IReadOnlyList<OutboundContent>? Content, IReadOnlyList<OutboundEvent>? Events) Shape(
        AgentMessageRequest request, string downloadBaseUrl)
    {
        if (request.Typing is { } typing)
        {
            return ("Event", null, null, [new OutboundEvent { Typing = new OutboundTyping { Duration = typing.DurationMs ?? 5000 } }]);
        }

        if (request.QuickReplies is { } options)
        {
            return ("Structured", request.Text, [.. options.Select(OutboundPayloadBuilder.QuickReply)], null);
        }

        if (request.Notification is { } notification)
        {
            var template = OutboundPayloadBuilder.Notification(notification);
            return ("Structured", request.Text ?? template.Template!.Body.Text, [template], null);
        }

        if (request.Attachment is { } attachment)
        {
            var bytes = Convert.FromBase64String(attachment.Base64!);
            var download = downloads.Add(bytes, attachment.Mime!, attachment.Filename);
            return ("Text", request.Text,
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
            ], null);
        }

        return ("Text", request.Text, null, null);
    }
}
