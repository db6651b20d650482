using System.Text.Json;
using WhatsAppGenesys.Contracts.Events;
using WhatsAppGenesys.Messaging.Handling;
using WhatsAppGenesys.ServiceDefaults;

namespace WhatsAppGenesys.PortalService.History;

/// <summary>
/// The history pipeline's consumer: a message or a status, by the event's type. Delivery is at least once (a
/// transformer republishes after a crash), so both recorders are idempotent; one customer's events arrive in order.
/// </summary>
public sealed class HistoryEventHandler(MessageRecorder messages, StatusRecorder statuses, ILogger<HistoryEventHandler> logger) : IMessageHandler
{
    public async ValueTask<MessageOutcome> HandleAsync(MessageContext context, CancellationToken cancellationToken)
    {
        switch (context.Type)
        {
            case ConversationMessageRecorded.EventType:
                var message = Read<ConversationMessageRecorded>(context);
                context.TenantId = message.TenantId;
                using (logger.BeginTenantScope(message.TenantId))
                {
                    await messages.RecordAsync(message, cancellationToken);
                }
                return MessageOutcome.Success;
            case ConversationMessageStatusChanged.EventType:
                var status = Read<ConversationMessageStatusChanged>(context);
                context.TenantId = status.TenantId;
                using (logger.BeginTenantScope(status.TenantId))
                {
                    await statuses.RecordAsync(status, cancellationToken);
                }
                return MessageOutcome.Success;
            default:
                return MessageOutcome.Poison($"Unknown history event type '{context.Type}'");
        }
    }

    private static T Read<T>(MessageContext context) where T : class =>
        JsonSerializer.Deserialize<T>(context.Body.Span, JsonSerializerOptions.Web) ?? throw new JsonException($"Body is JSON null, not a {typeof(T).Name}");
}
