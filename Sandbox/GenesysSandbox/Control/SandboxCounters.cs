using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace WhatsAppGenesys.GenesysSandbox.Control;

/// <summary>What the simulator has seen, for assertions (e.g. the auth service's token-stampede test) and the benchmark.</summary>
public sealed class SandboxCounters
{
    private readonly ConcurrentDictionary<string, StrongBox<long>> _tokenExchanges = new(StringComparer.Ordinal);
    private long _inboundMessagesAccepted;
    private long _inboundMessagesRejected;
    private long _inboundValidationFailures;
    private long _receiptsAccepted;
    private long _receiptsUnmatched;
    private long _eventsAccepted;
    private long _structuredResponsesAccepted;
    private long _duplicateMessages;
    private long _rateLimited;
    private long _attachmentsFetched;
    private long _attachmentFetchFailures;
    private long _webhooksPosted;
    private long _webhooksRetried;
    private long _webhooksDelivered;
    private long _webhooksFailed;
    private long _faultsInjected;

    public void TokenExchanged(string clientId) =>
        Interlocked.Increment(ref _tokenExchanges.GetOrAdd(clientId, static _ => new StrongBox<long>()).Value);

    public long TokenExchanges(string clientId) =>
        _tokenExchanges.TryGetValue(clientId, out var box) ? Interlocked.Read(ref box.Value) : 0;

    public void InboundMessageAccepted() => Interlocked.Increment(ref _inboundMessagesAccepted);
    public void InboundMessageRejected() => Interlocked.Increment(ref _inboundMessagesRejected);
    public void InboundValidationFailed() => Interlocked.Increment(ref _inboundValidationFailures);
    public void ReceiptAccepted() => Interlocked.Increment(ref _receiptsAccepted);
    public void ReceiptUnmatched() => Interlocked.Increment(ref _receiptsUnmatched);
    public void EventAccepted() => Interlocked.Increment(ref _eventsAccepted);
    public void StructuredResponseAccepted() => Interlocked.Increment(ref _structuredResponsesAccepted);
    public void DuplicateMessage() => Interlocked.Increment(ref _duplicateMessages);
    public void RateLimited() => Interlocked.Increment(ref _rateLimited);
    public void AttachmentFetched() => Interlocked.Increment(ref _attachmentsFetched);
    public void AttachmentFetchFailed() => Interlocked.Increment(ref _attachmentFetchFailures);
    public void WebhookPosted(bool isRetry)
    {
        Interlocked.Increment(ref _webhooksPosted);
        if (isRetry)
        {
            Interlocked.Increment(ref _webhooksRetried);
        }
    }
    public void WebhookDelivered() => Interlocked.Increment(ref _webhooksDelivered);
    public void WebhookFailed() => Interlocked.Increment(ref _webhooksFailed);
    public void FaultInjected() => Interlocked.Increment(ref _faultsInjected);

    public CountersView View() => new(
        _tokenExchanges.ToDictionary(e => e.Key, e => Interlocked.Read(ref e.Value.Value), StringComparer.Ordinal),
        _tokenExchanges.Values.Sum(b => Interlocked.Read(ref b.Value)),
        Interlocked.Read(ref _inboundMessagesAccepted),
        Interlocked.Read(ref _inboundMessagesRejected),
        Interlocked.Read(ref _inboundValidationFailures),
        Interlocked.Read(ref _duplicateMessages),
        Interlocked.Read(ref _receiptsAccepted),
        Interlocked.Read(ref _receiptsUnmatched),
        Interlocked.Read(ref _eventsAccepted),
        Interlocked.Read(ref _structuredResponsesAccepted),
        Interlocked.Read(ref _rateLimited),
        Interlocked.Read(ref _attachmentsFetched),
        Interlocked.Read(ref _attachmentFetchFailures),
        Interlocked.Read(ref _webhooksPosted),
        Interlocked.Read(ref _webhooksRetried),
        Interlocked.Read(ref _webhooksDelivered),
        Interlocked.Read(ref _webhooksFailed),
        Interlocked.Read(ref _faultsInjected));

    public void Reset()
    {
        _tokenExchanges.Clear();
        _inboundMessagesAccepted = _inboundMessagesRejected = _inboundValidationFailures = _duplicateMessages = 0;
        _receiptsAccepted = _receiptsUnmatched = _eventsAccepted = _structuredResponsesAccepted = _rateLimited = 0;
        _attachmentsFetched = _attachmentFetchFailures = 0;
        _webhooksPosted = _webhooksRetried = _webhooksDelivered = _webhooksFailed = _faultsInjected = 0;
    }
}

public sealed record CountersView(
    IReadOnlyDictionary<string, long> TokenExchangesByClient,
    long TokenExchanges,
    long InboundMessagesAccepted,
    long InboundMessagesRejected,
    long InboundValidationFailures,
    long DuplicateMessages,
    long ReceiptsAccepted,
    long ReceiptsUnmatched,
    long EventsAccepted,
    long StructuredResponsesAccepted,
    long RateLimited,
    long AttachmentsFetched,
    long AttachmentFetchFailures,
    long WebhooksPosted,
    long WebhooksRetried,
    long WebhooksDelivered,
    long WebhooksFailed,
    long FaultsInjected);
