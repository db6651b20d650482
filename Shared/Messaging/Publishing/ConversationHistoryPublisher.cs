using WhatsAppGenesys.Contracts.Events;

namespace WhatsAppGenesys.Messaging.Publishing;

/// <summary>
/// Where the transformers report what was said and what became of it: the conversation history pipeline. Returns
/// once the broker confirmed the event, so a handler that awaits it before reporting success never loses one.
/// </summary>
public interface IConversationHistoryPublisher
{
    Task PublishAsync(ConversationMessageRecorded message, CancellationToken cancellationToken);

    Task PublishAsync(ConversationMessageStatusChanged status, CancellationToken cancellationToken);
}

/// <summary>Publishes history events into <see cref="Pipelines.History"/>, ordered per customer, with stable ids.</summary>
public sealed class ConversationHistoryPublisher(PipelinePublisher publisher) : IConversationHistoryPublisher
{
    public Task PublishAsync(ConversationMessageRecorded message, CancellationToken cancellationToken) =>
        publisher.PublishJsonAsync(Pipelines.History, message.OrderingKey, message.EventId, ConversationMessageRecorded.EventType, message, cancellationToken);

    public Task PublishAsync(ConversationMessageStatusChanged status, CancellationToken cancellationToken) =>
        publisher.PublishJsonAsync(Pipelines.History, status.OrderingKey, status.EventId, ConversationMessageStatusChanged.EventType, status, cancellationToken);
}
