using WhatsAppGenesys.GenesysSandbox.Control;
using WhatsAppGenesys.GenesysSandbox.Model;

namespace WhatsAppGenesys.GenesysSandbox.Webhooks;

/// <summary>
/// Posts agent messages to the integration's webhook the way Genesys does: per attempt a timeout (10 s), up to 5
/// retries on timeout, 429 or 5xx with a pause between tries (5 s), nothing more after a 2xx or another 4xx.
/// Each conversation has its own queue drained by at most one task, so a customer's messages arrive in order
/// (a message waits while the one before it is being retried) while conversations proceed in parallel.
/// </summary>
public sealed partial class WebhookDispatcher(
    WebhookSender sender,
    IntegrationRegistry registry,
    SandboxSettings settings,
    SandboxCounters counters,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<WebhookDispatcher> logger)
{
    public void Enqueue(Conversation conversation, ConversationMessage message, byte[] body)
    {
        conversation.Outbox.Enqueue(cancellationToken => DeliverAsync(conversation, message, body, cancellationToken));
        if (Interlocked.CompareExchange(ref conversation.OutboxRunning, 1, 0) == 0)
        {
            _ = Task.Run(() => DrainAsync(conversation));
        }
    }

    private async Task DrainAsync(Conversation conversation)
    {
        var stopping = lifetime.ApplicationStopping;
        while (true)
        {
            while (!stopping.IsCancellationRequested && conversation.Outbox.TryDequeue(out var deliver))
            {
                try
                {
                    await deliver(stopping);
                }
                catch (OperationCanceledException) when (stopping.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception exception)
                {
                    LogDeliveryCrashed(logger, exception, conversation.Id);
                }
            }

            Volatile.Write(ref conversation.OutboxRunning, 0);
            // Something enqueued between the last TryDequeue and the reset must not be stranded.
            if (stopping.IsCancellationRequested || conversation.Outbox.IsEmpty ||
                Interlocked.CompareExchange(ref conversation.OutboxRunning, 1, 0) != 0)
            {
                return;
            }
        }
    }

    private async Task DeliverAsync(Conversation conversation, ConversationMessage message, byte[] body, CancellationToken cancellationToken)
    {
        var maxRetries = Math.Max(0, settings.WebhookMaxRetries);
        for (var attempt = 1; ; attempt++)
        {
            // Looked up per attempt so a test can re-point or fix the webhook URL while retries are running.
            if (!registry.TryGetIntegration(conversation.IntegrationId, out var integration))
            {
                Finish(conversation, message, attempt, time.GetUtcNow(),
                    new WebhookAttemptResult(null, "integration no longer registered", false, false, 0, null, null));
                return;
            }

            var startedAt = time.GetUtcNow();
            counters.WebhookPosted(isRetry: attempt > 1);
            var result = await sender.PostAsync(integration, body, signatureOverride: null,
                TimeSpan.FromMilliseconds(Math.Max(1, settings.WebhookTimeoutMilliseconds)), captureResponse: false, cancellationToken);

            if (result.Succeeded || !result.Retryable || attempt > maxRetries)
            {
                Finish(conversation, message, attempt, startedAt, result);
                return;
            }

            Record(conversation, message, attempt, startedAt, result);
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Max(0, settings.WebhookRetryDelayMilliseconds)), time, cancellationToken);
        }
    }

    private void Finish(Conversation conversation, ConversationMessage message, int attempt, DateTimeOffset startedAt, WebhookAttemptResult result)
    {
        lock (conversation.Gate)
        {
            message.DeliveryAttempts.Add(Attempt(attempt, startedAt, result));
            message.DeliveryStatus = result.Succeeded ? DeliveryStatus.Delivered : DeliveryStatus.Failed;
        }

        if (result.Succeeded)
        {
            counters.WebhookDelivered();
        }
        else
        {
            counters.WebhookFailed();
            LogDeliveryFailed(logger, message.Id, attempt, result.HttpStatus, result.Error);
        }
    }

    private static void Record(Conversation conversation, ConversationMessage message, int attempt, DateTimeOffset startedAt, WebhookAttemptResult result)
    {
        lock (conversation.Gate)
        {
            message.DeliveryAttempts.Add(Attempt(attempt, startedAt, result));
        }
    }

    private static DeliveryAttempt Attempt(int attempt, DateTimeOffset startedAt, WebhookAttemptResult result) =>
        new(attempt, startedAt, result.HttpStatus, result.Error, result.TimedOut, result.DurationMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook for agent message {MessageId} failed after {Attempts} attempt(s): status {Status}, {Error}")]
    private static partial void LogDeliveryFailed(ILogger logger, string? messageId, int attempts, int? status, string? error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook delivery crashed for conversation {ConversationId}")]
    private static partial void LogDeliveryCrashed(ILogger logger, Exception exception, Guid conversationId);
}
