using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace WhatsAppGenesys.RcsSandbox.Control;

/// <summary>
/// What the simulator has seen (GET /sandbox/counters), for assertions such as "one token exchange per refresh" and for
/// the benchmark. Interlocked, so counting costs nothing per message.
/// </summary>
public sealed class SandboxCounters
{
    private readonly ConcurrentDictionary<string, StrongBox<long>> _tokensByGrant = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, StrongBox<long>> _tokensByClient = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, StrongBox<long>> _tokensByClientAndGrant = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, StrongBox<long>> _rejectedByStatus = new(StringComparer.Ordinal);

    public long TokenRequestsRejected;
    public long TokensRevoked;
    public long AgentMessagesAccepted;
    public long CapabilityChecks;
    public long RateLimited;
    public long ForcedForbidden;
    public long FaultsInjected;
    public long UserMessagesSent;
    public long UserEventsSent;
    public long WebhooksEnqueued;
    public long WebhookAttempts;
    public long WebhooksPosted;
    public long WebhooksRetried;
    public long WebhooksAbandoned;
    public long WebhooksPending;

    public void TokenIssued(string grantType, string clientId)
    {
        Interlocked.Increment(ref _tokensByGrant.GetOrAdd(grantType, static _ => new StrongBox<long>()).Value);
        Interlocked.Increment(ref _tokensByClient.GetOrAdd(clientId, static _ => new StrongBox<long>()).Value);
        Interlocked.Increment(ref _tokensByClientAndGrant.GetOrAdd($"{clientId}:{grantType}", static _ => new StrongBox<long>()).Value);
    }

    /// <summary>An RBM API request answered with an error, by HTTP status (faults included).</summary>
    public void ApiRejected(int status) =>
        Interlocked.Increment(ref _rejectedByStatus.GetOrAdd(status.ToString(System.Globalization.CultureInfo.InvariantCulture),
            static _ => new StrongBox<long>()).Value);

    public object View() => new
    {
        tokenExchanges = Sum(_tokensByGrant),
        tokenExchangesByGrantType = Snapshot(_tokensByGrant),
        tokenExchangesByClient = Snapshot(_tokensByClient),
        tokenExchangesByClientAndGrantType = Snapshot(_tokensByClientAndGrant),
        tokenRequestsRejected = Interlocked.Read(ref TokenRequestsRejected),
        tokensRevoked = Interlocked.Read(ref TokensRevoked),
        agentMessagesAccepted = Interlocked.Read(ref AgentMessagesAccepted),
        apiErrorsByStatus = Snapshot(_rejectedByStatus),
        capabilityChecks = Interlocked.Read(ref CapabilityChecks),
        rateLimited = Interlocked.Read(ref RateLimited),
        forcedForbidden = Interlocked.Read(ref ForcedForbidden),
        faultsInjected = Interlocked.Read(ref FaultsInjected),
        userMessagesSent = Interlocked.Read(ref UserMessagesSent),
        userEventsSent = Interlocked.Read(ref UserEventsSent),
        webhooksEnqueued = Interlocked.Read(ref WebhooksEnqueued),
        webhookAttempts = Interlocked.Read(ref WebhookAttempts),
        webhooksPosted = Interlocked.Read(ref WebhooksPosted),
        webhooksRetried = Interlocked.Read(ref WebhooksRetried),
        webhooksAbandoned = Interlocked.Read(ref WebhooksAbandoned),
        webhooksPending = Interlocked.Read(ref WebhooksPending),
    };

    public void Reset()
    {
        _tokensByGrant.Clear();
        _tokensByClient.Clear();
        _tokensByClientAndGrant.Clear();
        _rejectedByStatus.Clear();
        foreach (var field in typeof(SandboxCounters).GetFields())
        {
            // Pending describes work still under way, not history.
            if (field.FieldType == typeof(long) && field.Name != nameof(WebhooksPending))
            {
                field.SetValue(this, 0L);
            }
        }
    }

    private static Dictionary<string, long> Snapshot(ConcurrentDictionary<string, StrongBox<long>> counts) =>
        counts.ToDictionary(e => e.Key, e => Interlocked.Read(ref e.Value.Value), StringComparer.Ordinal);

    private static long Sum(ConcurrentDictionary<string, StrongBox<long>> counts) =>
        counts.Values.Sum(b => Interlocked.Read(ref b.Value));
}
