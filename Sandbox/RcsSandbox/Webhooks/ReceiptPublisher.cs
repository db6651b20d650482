using WhatsAppGenesys.RcsSandbox.Agents;
using WhatsAppGenesys.RcsSandbox.Control;
using WhatsAppGenesys.RcsSandbox.Users;
using WhatsAppGenesys.RcsSandbox.Wire;

namespace WhatsAppGenesys.RcsSandbox.Webhooks;

/// <summary>
/// Plays the user's phone for an accepted agent message: a DELIVERED event, then a READ event, after the configured
/// delays counted from acceptance (PATCH /sandbox/settings; finalEvent stops the progression early).
/// </summary>
public sealed class ReceiptPublisher(
    UserEventPublisher publisher,
    UserEventFactory events,
    SandboxSettings settings,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<ReceiptPublisher> logger)
{
    public void Start(Agent agent, ReceivedMessage message) => _ = Task.Run(() => RunAsync(agent, message));

    /// <summary>One event about <paramref name="messageId"/> (or none, for IS_TYPING), now.</summary>
    public PublishedEvent Publish(Agent agent, string msisdn, string eventType, string? messageId, ReceivedMessage? message = null)
    {
        var eventId = Ids.NewEventId();
        var now = time.GetUtcNow();
        message?.RecordEvent(eventType, eventId, now);
        var userEvent = events.Event(msisdn, agent.AgentId, eventType, eventId, messageId, now);
        return publisher.Publish(agent, msisdn, userEvent, eventType, eventId, isMessage: false);
    }

    private async Task RunAsync(Agent agent, ReceivedMessage message)
    {
        var stopping = lifetime.ApplicationStopping;
        try
        {
            var final = settings.FinalEvent;
            if (final < ReceiptProgression.Delivered)
            {
                return;
            }
            var elapsed = await WaitUntilAsync(settings.DeliveredDelayMs, 0, stopping);
            Publish(agent, message.Msisdn, "DELIVERED", message.MessageId, message);
            if (final < ReceiptProgression.Read)
            {
                return;
            }
            await WaitUntilAsync(settings.ReadDelayMs, elapsed, stopping);
            Publish(agent, message.Msisdn, "READ", message.MessageId, message);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            logger.LogDebug("Receipts for {MessageId} stopped with the host", message.MessageId);
        }
    }

    private async Task<int> WaitUntilAsync(int targetMs, int elapsedMs, CancellationToken cancellationToken)
    {
        var wait = targetMs - elapsedMs;
        if (wait > 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(wait), time, cancellationToken);
        }
        return Math.Max(targetMs, elapsedMs);
    }
}
