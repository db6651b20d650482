using System.Diagnostics;

namespace WhatsAppGenesys.IntegrationTests.Faults;

/// <summary>
/// Kills the replica of a transformer that is doing the work, mid-burst, and checks afterwards that another one took
/// over. Single active consumer gives each partition to one replica; which one holds which partition is whoever
/// subscribed first (after a broker restart it can be either), so the span files decide which one to kill.
/// </summary>
public sealed class ReplicaFailover(AppFixture fixture, string transformer)
{
    private readonly SpanFiles _spans = new(fixture);
    private IReadOnlyList<int> _replicas = [];
    private int _killed;
    private DateTime _killedAt;

    /// <summary>SIGKILLs the replica that took the most messages of the burst so far.</summary>
    public async Task KillBusiestReplicaAsync(Burst burst, CancellationToken ct)
    {
        _replicas = fixture.App.GetProcessIds(transformer);
        Assert.True(_replicas.Count >= 2, $"The test run must start two {transformer} replicas (AppHost:*TransformerReplicas).");
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (_replicas.All(pid => _spans.Consumed(transformer, pid, burst) == 0) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250, ct); // spans are written in batches, a few seconds behind
        }
        _killed = _replicas.MaxBy(pid => _spans.Consumed(transformer, pid, burst));
        Assert.True(_spans.Consumed(transformer, _killed, burst) > 0, $"No {transformer} replica has taken a message of the burst yet.");
        _killedAt = DateTime.UtcNow;
        Process.GetProcessById(_killed).Kill();
    }

    /// <summary>Another replica took messages of the burst after the kill.</summary>
    public void AssertAnotherReplicaTookOver(Burst burst)
    {
        var survivors = _replicas.Where(pid => pid != _killed).ToList();
        Assert.True(survivors.Sum(pid => _spans.Consumed(transformer, pid, burst, since: _killedAt)) > 0,
            $"No other {transformer} replica took a message of the burst after {_killed} was killed.");
    }

    /// <summary>Every replica again, for the next test (the burst is over, so the survivor has nothing to finish).</summary>
    public async Task RestoreAsync()
    {
        await fixture.App.KillResourceAsync(transformer);
        await fixture.App.StartResourceAsync(transformer, TestContext.Current.CancellationToken);
    }
}
