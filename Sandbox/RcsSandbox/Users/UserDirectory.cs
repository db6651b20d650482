using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace WhatsAppGenesys.RcsSandbox.Users;

/// <summary>
/// The simulated phones, by E.164 number. A number is RCS-capable unless the control API said otherwise or it starts
/// with one of <see cref="RcsSandboxOptions.NotCapablePrefixes"/> (default "+1555000"), so a test can reach the
/// "not RCS, fall back" path with a number alone.
/// </summary>
public sealed class UserDirectory(IOptions<RcsSandboxOptions> options)
{
    private readonly ConcurrentDictionary<string, SimulatedUser> _users = new(StringComparer.Ordinal);
    private readonly string[] _notCapablePrefixes = [.. options.Value.NotCapablePrefixes.Where(p => !string.IsNullOrWhiteSpace(p))];

    public int MaxMessagesPerUser { get; } = Math.Max(1, options.Value.MaxMessagesPerUser);

    public IReadOnlyList<string> NotCapablePrefixes => _notCapablePrefixes;

    public int Count => _users.Count;

    public SimulatedUser GetOrCreate(string msisdn) => _users.GetOrAdd(msisdn, static m => new SimulatedUser(m));

    public SimulatedUser? Find(string msisdn) => _users.GetValueOrDefault(msisdn);

    public bool IsCapable(string msisdn) => Find(msisdn)?.CapableOverride ?? !MatchesNotCapablePrefix(msisdn);

    /// <summary>Why the number is or is not capable, for the control API.</summary>
    public string CapabilitySource(string msisdn) =>
        Find(msisdn)?.CapableOverride is not null ? "control" : MatchesNotCapablePrefix(msisdn) ? "prefix" : "default";

    public void Clear() => _users.Clear();

    private bool MatchesNotCapablePrefix(string msisdn) =>
        _notCapablePrefixes.Any(prefix => msisdn.StartsWith(prefix, StringComparison.Ordinal));
}
