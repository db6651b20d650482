namespace WhatsAppGenesys.Sandbox.Tests.Meta.Infrastructure;

// The system clock plus an offset tests can move forward. Timers and delays stay real, so background delivery keeps
// running while "now" (URL expiry, 24 h window, timestamps) jumps.
public sealed class AdjustableTimeProvider : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
}
