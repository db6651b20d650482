using WhatsAppGenesys.MetaSandbox.Model;
using WhatsAppGenesys.SandboxKit.Limits;

namespace WhatsAppGenesys.MetaSandbox.GraphApi;

// Meta's per-phone-number throughput (80 messages/s by default): over the limit a send answers 130429.
public sealed class ThroughputLimiter(SandboxSettings settings, TimeProvider time)
{
    private readonly PerSecondWindows _windows = new(time);

    public bool TryAcquire(string phoneNumberId) => _windows.TryAcquire(phoneNumberId, settings.MessagesPerSecond);
}
