using StackExchange.Redis;
using WhatsAppGenesys.Contracts.Operations;

namespace WhatsAppGenesys.Clients.Signals;

/// <summary>
/// Writes the per-tenant counters the alert service evaluates (<see cref="OperationalSignals"/>): webhooks refused
/// for their signature, and sends that reached a provider and what it answered. Fire-and-forget, and a Redis outage
/// only loses counts: these are signals for people, never part of the message path.
/// </summary>
public sealed class OperationalSignalCounters(IConnectionMultiplexer redis, TimeProvider clock)
{
    /// <summary>A webhook of <paramref name="source"/> addressed to <paramref name="tenantId"/> failed its signature check.</summary>
    public void SignatureRejected(string source, string tenantId) =>
        Increment(OperationalSignals.SignatureFailures(source, clock.GetUtcNow()), tenantId);

    /// <summary>A send to <paramref name="provider"/> for <paramref name="tenantId"/> was accepted or refused by the provider (or failed on the way).</summary>
    public void SendCompleted(string provider, string tenantId, bool succeeded) =>
        Increment(OperationalSignals.Sends(provider, clock.GetUtcNow()),
            $"{tenantId}:{(succeeded ? OperationalSignals.SendSucceeded : OperationalSignals.SendFailed)}");

    private void Increment(string key, string field)
    {
        try
        {
            var db = redis.GetDatabase();
            db.HashIncrement(key, field, flags: CommandFlags.FireAndForget);
            db.KeyExpire(key, OperationalSignals.Retention, flags: CommandFlags.FireAndForget);
        }
        catch (RedisException)
        {
            // Redis is down: the request goes on uncounted (docs/architecture.md, "Redis outage").
        }
    }
}
