using System.Text.Json;
using WhatsAppGenesys.GenesysSandbox.Model;
using WhatsAppGenesys.GenesysSandbox.OpenMessaging;
using WhatsAppGenesys.GenesysSandbox.Webhooks;

namespace WhatsAppGenesys.GenesysSandbox.Agent;

/// <summary>
/// The one way a message leaves Genesys for the integration, whoever wrote it (the simulated agent or an agentless
/// API call): it is recorded in the conversation, registered so receipts can find it, and its webhook payload is
/// queued to the dispatcher, which posts it in conversation order with Genesys's retry policy.
/// </summary>
public sealed class OutboundMessageSender(ConversationStore store, WebhookDispatcher dispatcher, TimeProvider time)
{
    /// <summary>
    /// Sends the message at once and returns it, still pending delivery. <paramref name="channelTime"/> is the sender's
    /// clock for <c>channel.time</c>; now when null.
    /// </summary>
    public ConversationMessage Send(Conversation conversation, Integration integration, OutboundShape shape, string? originatingEntity,
        string sentBy, DateTimeOffset? channelTime = null)
    {
        var id = InboundService.NewMessageId();
        var now = time.GetUtcNow();
        lock (conversation.Gate)
        {
            var payload = OutboundPayloadBuilder.Build(id, channelTime ?? now, integration, conversation, conversation.Customer, shape,
                originatingEntity);
            var message = new ConversationMessage
            {
                Id = id,
                Direction = MessageDirection.Outbound,
                Type = shape.Type,
                Text = shape.Text,
                ChannelMessageId = id,
                Time = payload.Channel.Time,
                ReceivedAt = now,
                Payload = payload,
                SentBy = sentBy,
                DeliveryStatus = DeliveryStatus.Pending,
            };
            conversation.AppendLocked(message);
            store.RegisterOutboundMessage(conversation, message);
            // Enqueued under the conversation's lock so the posting order is the order the messages were sent in.
            dispatcher.Enqueue(conversation, message, JsonSerializer.SerializeToUtf8Bytes(payload, SandboxJson.Options));
            return message;
        }
    }
}
