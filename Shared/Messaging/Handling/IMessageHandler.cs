using System.Text.Json;

namespace WhatsAppGenesys.Messaging.Handling;

/// <summary>
/// Handles raw pipeline messages. Return <see cref="MessageOutcome.Success"/>, <see cref="MessageOutcome.Retry"/> or
/// <see cref="MessageOutcome.Poison"/>; an exception counts as Retry, except <see cref="JsonException"/>,
/// <see cref="FormatException"/> and <see cref="PoisonMessageException"/>, which count as Poison. Resolved from a DI
/// scope per message, so scoped dependencies (a DbContext) are fine.
/// </summary>
public interface IMessageHandler
{
    ValueTask<MessageOutcome> HandleAsync(MessageContext context, CancellationToken cancellationToken);
}

/// <summary>Handles pipeline messages deserialized from JSON; a body that does not deserialize is Poison.</summary>
public interface IMessageHandler<in TMessage>
{
    ValueTask<MessageOutcome> HandleAsync(TMessage message, MessageContext context, CancellationToken cancellationToken);
}

/// <summary>Adapts a typed handler: System.Text.Json (web defaults unless given) in front of it.</summary>
internal sealed class JsonMessageHandler<TMessage>(IMessageHandler<TMessage> inner, JsonSerializerOptions options) : IMessageHandler
{
    public ValueTask<MessageOutcome> HandleAsync(MessageContext context, CancellationToken cancellationToken)
    {
        var message = JsonSerializer.Deserialize<TMessage>(context.Body.Span, options);
        return message is null
            ? ValueTask.FromResult(MessageOutcome.Poison($"Body is JSON null, not a {typeof(TMessage).Name}"))
            : inner.HandleAsync(message, context, cancellationToken);
    }
}

/// <summary>Adapts a delegate, for small handlers and tests.</summary>
internal sealed class DelegateMessageHandler(Func<MessageContext, CancellationToken, ValueTask<MessageOutcome>> handle) : IMessageHandler
{
    public ValueTask<MessageOutcome> HandleAsync(MessageContext context, CancellationToken cancellationToken) => handle(context, cancellationToken);
}
