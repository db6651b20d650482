using System.Text.RegularExpressions;

namespace WhatsAppGenesys.MetaSandbox.Control;

// {"path":"/v23.0/*/messages","status":503,"count":10,"durationSeconds":60,"latencyMs":0,"retryAfterSeconds":2,"errorCode":130429}
/// <param name="LatencyMs">Delay before the request is handled.</param>
/// <param name="ResponseLatencyMs">
/// Delay after the request was handled, before the answer leaves: a send is accepted (and its statuses are on their
/// way) while the caller still waits, so a status webhook can overtake the send's own response, as it can at Meta.
/// </param>
/// <param name="To">Only sends to this recipient (the body's <c>to</c>, with or without '+'): one customer's fault
/// leaves everyone else's traffic alone, so a test can keep it for minutes without stopping other tests.</param>
public sealed record FaultRequest(string? Path, string? Method, int? Status, int? Count, int? DurationSeconds, int? LatencyMs,
    int? RetryAfterSeconds, int? ErrorCode, int? ResponseLatencyMs = null, string? To = null);

public sealed class FaultRule(string id, FaultRequest request, DateTimeOffset? expiresAt)
{
    private readonly Regex? _path = request.Path is { Length: > 0 } glob
        ? new Regex("^" + Regex.Escape(glob).Replace("\\*", ".*") + "$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)
        : null;
    private int _remaining = request.Count ?? -1;

    public string Id { get; } = id;
    public FaultRequest Request { get; } = request;
    public DateTimeOffset? ExpiresAt { get; } = expiresAt;
    public int Remaining => Volatile.Read(ref _remaining);

    public bool Matches(string method, string path, string? recipient) =>
        (_path is null || _path.IsMatch(path)) &&
        (Request.Method is null || string.Equals(Request.Method, method, StringComparison.OrdinalIgnoreCase)) &&
        (Request.To is not { Length: > 0 } to || (recipient is not null && to.TrimStart('+') == recipient.TrimStart('+')));

    // Counted rules are consumed atomically, so "count": 3 fails exactly three requests under concurrency.
    public bool TryConsume()
    {
        while (true)
        {
            var remaining = Volatile.Read(ref _remaining);
            if (remaining < 0)
            {
                return true;
            }
            if (remaining == 0)
            {
                return false;
            }
            if (Interlocked.CompareExchange(ref _remaining, remaining - 1, remaining) == remaining)
            {
                return true;
            }
        }
    }
}

// Fault rules applied to the Graph API and media download paths (not to /sandbox or health endpoints).
public sealed class FaultStore(TimeProvider time)
{
    private volatile FaultRule[] _rules = [];
    private readonly Lock _gate = new();
    private int _nextId;

    public bool IsEmpty => _rules.Length == 0;

    /// <summary>Whether some rule picks requests by recipient, so the request body has to be read to match.</summary>
    public bool MatchesRecipients => _rules.Any(r => r.Request.To is { Length: > 0 });

    public FaultRule Add(FaultRequest request)
    {
        var expiresAt = request.DurationSeconds is > 0 ? time.GetUtcNow().AddSeconds(request.DurationSeconds.Value) : (DateTimeOffset?)null;
        var rule = new FaultRule(Interlocked.Increment(ref _nextId).ToString(System.Globalization.CultureInfo.InvariantCulture), request, expiresAt);
        lock (_gate)
        {
            _rules = [.. _rules, rule];
        }
        return rule;
    }

    public bool Remove(string id)
    {
        lock (_gate)
        {
            var kept = _rules.Where(r => r.Id != id).ToArray();
            var removed = kept.Length != _rules.Length;
            _rules = kept;
            return removed;
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _rules = [];
        }
    }

    public IReadOnlyList<FaultRule> Active()
    {
        var now = time.GetUtcNow();
        return [.. _rules.Where(r => r.Remaining != 0 && (r.ExpiresAt is null || r.ExpiresAt > now))];
    }

    public FaultRule? Match(string method, string path, string? recipient = null)
    {
        var now = time.GetUtcNow();
        foreach (var rule in _rules)
        {
            if ((rule.ExpiresAt is null || rule.ExpiresAt > now) && rule.Matches(method, path, recipient) && rule.TryConsume())
            {
                return rule;
            }
        }
        return null;
    }
}
