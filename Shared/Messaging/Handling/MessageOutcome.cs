namespace WhatsAppGenesys.Messaging.Handling;

public enum OutcomeKind
{
    /// <summary>Done: the delivery is acknowledged.</summary>
    Success,

    /// <summary>A transient failure: try again later through the partition's delay queue.</summary>
    Retry,

    /// <summary>The message can never succeed (cannot be parsed or mapped): park it in the error queue at once.</summary>
    Poison,
}

/// <summary>What a handler decided about one message.</summary>
public readonly record struct MessageOutcome(OutcomeKind Kind, string? Reason = null, TimeSpan? RetryAfter = null)
{
    public static MessageOutcome Success => default;

    /// <param name="reason">Recorded in the message's headers and, if attempts run out, in the dead-letter queue.</param>
    /// <param name="retryAfter">A provider's Retry-After hint; used when longer than the back-off.</param>
    public static MessageOutcome Retry(string reason, TimeSpan? retryAfter = null) => new(OutcomeKind.Retry, reason, retryAfter);

    public static MessageOutcome Poison(string reason) => new(OutcomeKind.Poison, reason);
}

/// <summary>Thrown by a handler (or anything it calls) for a message that can never be processed; maps to <see cref="OutcomeKind.Poison"/>.</summary>
public sealed class PoisonMessageException(string message, Exception? innerException = null) : Exception(message, innerException);
