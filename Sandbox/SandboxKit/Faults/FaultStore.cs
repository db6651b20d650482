using System.Globalization;

namespace WhatsAppGenesys.SandboxKit.Faults;

/// <summary>
/// The active fault rules, first match wins. Reads take a snapshot without locking (every request asks); adding and
/// removing swap the array under a lock.
/// </summary>
/// <param name="unscoped">Which paths a rule without a path covers (by default every path the middleware asks about).</param>
public sealed class FaultStore<TRequest>(TimeProvider time, Func<string, bool>? unscoped = null) where TRequest : IFaultRequest
{
    private readonly Func<string, bool> _unscoped = unscoped ?? (static _ => true);
    private readonly Lock _gate = new();
    private volatile FaultRule<TRequest>[] _rules = [];
    private int _nextId;

    public bool IsEmpty => _rules.Length == 0;

    /// <summary>Whether any rule asks for <paramref name="condition"/> (e.g. picks requests by recipient, so bodies must be read).</summary>
    public bool Any(Func<TRequest, bool> condition) => _rules.Any(r => condition(r.Request));

    public FaultRule<TRequest> Add(TRequest request)
    {
        var expiresAt = request.DurationSeconds is > 0 ? time.GetUtcNow().AddSeconds(request.DurationSeconds.Value) : (DateTimeOffset?)null;
        var rule = new FaultRule<TRequest>(Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture), request, expiresAt);
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

    /// <summary>The rules still in force: not expired, matches left.</summary>
    public IReadOnlyList<FaultRule<TRequest>> Active()
    {
        var now = time.GetUtcNow();
        return [.. _rules.Where(r => r.Remaining != 0 && (r.ExpiresAt is null || r.ExpiresAt > now))];
    }

    /// <summary>The first rule in force that covers the request and <paramref name="alsoRequires"/>, consuming one of its matches.</summary>
    public FaultRule<TRequest>? Match(string method, string path, Func<TRequest, bool>? alsoRequires = null)
    {
        var now = time.GetUtcNow();
        foreach (var rule in _rules)
        {
            if ((rule.ExpiresAt is null || rule.ExpiresAt > now) && rule.Matches(method, path, _unscoped)
                && (alsoRequires is null || alsoRequires(rule.Request)) && rule.TryConsume())
            {
                return rule;
            }
        }
        return null;
    }
}
