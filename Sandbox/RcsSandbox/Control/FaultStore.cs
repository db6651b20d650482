using System.Text.RegularExpressions;

namespace WhatsAppGenesys.RcsSandbox.Control;

/// <summary>
/// A fault rule (POST /sandbox/faults), e.g. <c>{"path":"/v1/phones/*/agentMessages","status":503,"count":2}</c>.
/// <c>path</c> is a glob (* matches anything, slashes included); without one the rule covers the whole provider surface
/// (/v1/..., /oauth2/..., /files/...). <c>count</c> limits it to the next N matching requests, <c>durationSeconds</c>
/// to a time window; with neither it lasts until cleared. <c>status</c> 0 or absent only adds <c>latencyMs</c>.
/// <c>message</c> and <c>grpcStatus</c> override Google's defaults for the status.
/// </summary>
public sealed record FaultRequest(string? Path, string? Method, int? Status, int? Count, int? DurationSeconds, int? LatencyMs,
    int? RetryAfterSeconds, string? Message, string? GrpcStatus);

public sealed class FaultRule(string id, FaultRequest request, DateTimeOffset? expiresAt)
{
    private readonly Regex? _path = request.Path is { Length: > 0 } glob
        ? new Regex("^" + Regex.Escape(glob).Replace("\\*", ".*", StringComparison.Ordinal) + "$",
            RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)
        : null;
    private int _remaining = request.Count ?? -1;
    private long _hits;

    public string Id { get; } = id;
    public FaultRequest Request { get; } = request;
    public DateTimeOffset? ExpiresAt { get; } = expiresAt;
    public int Remaining => Volatile.Read(ref _remaining);
    public long Hits => Interlocked.Read(ref _hits);

    public bool Matches(string method, string path) =>
        (_path?.IsMatch(path) ?? IsProviderSurface(path)) &&
        (Request.Method is null || string.Equals(Request.Method, method, StringComparison.OrdinalIgnoreCase));

    /// <summary>Counted rules are consumed atomically, so "count": 3 fails exactly three requests under concurrency.</summary>
    public bool TryConsume()
    {
        while (true)
        {
            var remaining = Volatile.Read(ref _remaining);
            if (remaining == 0)
            {
                return false;
            }
            if (remaining < 0 || Interlocked.CompareExchange(ref _remaining, remaining - 1, remaining) == remaining)
            {
                Interlocked.Increment(ref _hits);
                return true;
            }
        }
    }

    public static bool IsProviderSurface(string path) =>
        path.StartsWith("/v1/", StringComparison.OrdinalIgnoreCase) ||
        path.StartsWith("/oauth2/", StringComparison.OrdinalIgnoreCase) ||
        path.StartsWith("/files/", StringComparison.OrdinalIgnoreCase);
}

/// <summary>The active fault rules, first match wins.</summary>
public sealed class FaultStore(TimeProvider time)
{
    private volatile FaultRule[] _rules = [];
    private readonly Lock _gate = new();
    private int _nextId;

    public bool IsEmpty => _rules.Length == 0;

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

    public FaultRule? Match(string method, string path)
    {
        var now = time.GetUtcNow();
        foreach (var rule in _rules)
        {
            if ((rule.ExpiresAt is null || rule.ExpiresAt > now) && rule.Matches(method, path) && rule.TryConsume())
            {
                return rule;
            }
        }
        return null;
    }
}
