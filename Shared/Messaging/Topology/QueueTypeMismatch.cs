using RabbitMQ.Client.Exceptions;

namespace WhatsAppGenesys.Messaging.Topology;

/// <summary>
/// The broker's refusal to redeclare a queue with another type (PRECONDITION_FAILED, "inequivalent arg
/// 'x-queue-type'"), turned into an error that says what to do: a queue keeps the type it was created with, so a
/// deployment that switches <c>Messaging:QueueType</c> must drain and delete the old queues first.
/// </summary>
internal static class QueueTypeMismatch
{
    private const ushort PreconditionFailed = 406;

    public static bool Matches(OperationInterruptedException ex) =>
        ex.ShutdownReason is { ReplyCode: PreconditionFailed } reason
        && reason.ReplyText.Contains("x-queue-type", StringComparison.Ordinal);

    public static InvalidOperationException Explain(string pipeline, QueueType configured, OperationInterruptedException ex) =>
        new($"Pipeline '{pipeline}' already exists on the broker with another queue type than the configured " +
            $"Messaging:QueueType={configured}. A queue keeps the type it was created with: drain the pipeline, delete its " +
            "queues, and start the services again (docs/messaging.md, \"Queue types\"). Broker: " + ex.ShutdownReason?.ReplyText, ex);
}
