namespace WhatsAppGenesys.MetaSandbox.Model;

// Plain counters for the benchmark and fault suites (GET /sandbox/stats). Interlocked, so they cost nothing per message.
public sealed class SandboxCounters
{
    public long MessagesAccepted;
    public long MessagesRejected;
    public long MarkedRead;
    public long InboundMessages;
    public long StatusesEmitted;
    public long WebhooksEnqueued;
    public long WebhooksPosted;
    public long WebhookAttempts;
    public long WebhooksRetried;
    public long WebhooksAbandoned;
    public long WebhooksInFlight;
    public long WebhooksPending;

    public object Snapshot() => new
    {
        messagesAccepted = Interlocked.Read(ref MessagesAccepted),
        messagesRejected = Interlocked.Read(ref MessagesRejected),
        markedRead = Interlocked.Read(ref MarkedRead),
        inboundMessages = Interlocked.Read(ref InboundMessages),
        statusesEmitted = Interlocked.Read(ref StatusesEmitted),
        webhooksEnqueued = Interlocked.Read(ref WebhooksEnqueued),
        webhooksPosted = Interlocked.Read(ref WebhooksPosted),
        webhookAttempts = Interlocked.Read(ref WebhookAttempts),
        webhooksRetried = Interlocked.Read(ref WebhooksRetried),
        webhooksAbandoned = Interlocked.Read(ref WebhooksAbandoned),
        webhooksInFlight = Interlocked.Read(ref WebhooksInFlight),
        webhooksPending = Interlocked.Read(ref WebhooksPending),
    };

    public void Reset()
    {
        foreach (var field in typeof(SandboxCounters).GetFields())
        {
            // In-flight and pending describe work still under way, not history: keep them consistent.
            if (field.Name is nameof(WebhooksInFlight) or nameof(WebhooksPending))
            {
                continue;
            }
            field.SetValue(this, 0L);
        }
    }
}
