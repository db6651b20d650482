namespace WhatsAppGenesys.Sandbox.Tests.Genesys;

/// <summary>System time plus an offset tests can move forward (timers stay real, so retry delays still elapse).</summary>
public sealed class AdjustableTimeProvider : TimeProvider
{
    private long _offsetTicks;

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));
}
