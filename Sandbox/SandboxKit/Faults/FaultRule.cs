using System.Text.RegularExpressions;

namespace WhatsAppGenesys.SandboxKit.Faults;

/// <summary>One active fault rule: its request, when it expires, how many matches it has left, and how often it hit.</summary>
public sealed class FaultRule<TRequest> where TRequest : IFaultRequest
{
    private readonly Regex? _path;
    private int _remaining;
    private long _hits;

    public FaultRule(string id, TRequest request, DateTimeOffset? expiresAt)
    {
        Id = id;
        Request = request;
        ExpiresAt = expiresAt;
        _remaining = request.Count ?? -1;
        _path = request.Path is { Length: > 0 } glob
            ? new Regex("^" + Regex.Escape(glob).Replace("\\*", ".*", StringComparison.Ordinal) + "$",
                RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)
            : null;
    }

    public string Id { get; }
    public TRequest Request { get; }
    public DateTimeOffset? ExpiresAt { get; }

    /// <summary>Matches left; -1 for a rule without a count.</summary>
    public int Remaining => Volatile.Read(ref _remaining);

    public long Hits => Interlocked.Read(ref _hits);

    /// <summary>Whether the rule covers the request; a rule without a path covers what <paramref name="unscoped"/> says.</summary>
    public bool Matches(string method, string path, Func<string, bool> unscoped) =>
        (_path?.IsMatch(path) ?? unscoped(path)) &&
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
}
