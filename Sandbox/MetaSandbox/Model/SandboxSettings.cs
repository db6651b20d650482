using Microsoft.Extensions.Options;

namespace WhatsAppGenesys.MetaSandbox.Model;

// The knobs tests and the benchmark change at run time (PATCH /sandbox/settings); seeded from configuration.
public sealed class SandboxSettings
{
    public SandboxSettings(IOptions<MetaSandboxOptions> options)
    {
        var o = options.Value;
        MessagesPerSecond = o.MessagesPerSecond;
        EnforceCustomerServiceWindow = o.EnforceCustomerServiceWindow;
        PolicyErrorDelivery = o.PolicyErrorDelivery;
        SentDelayMs = o.Statuses.SentDelayMs;
        DeliveredDelayMs = o.Statuses.DeliveredDelayMs;
        ReadDelayMs = o.Statuses.ReadDelayMs;
        FinalStatus = StatusProgressions.Parse(o.Statuses.FinalStatus);
        FetchMediaLinks = o.Media.FetchLinks;
    }

    public volatile int MessagesPerSecond;
    public volatile bool EnforceCustomerServiceWindow;
    public volatile PolicyErrorDelivery PolicyErrorDelivery;
    public volatile int SentDelayMs;
    public volatile int DeliveredDelayMs;
    public volatile int ReadDelayMs;
    public volatile StatusProgression FinalStatus;
    public volatile bool FetchMediaLinks;
}

public enum StatusProgression
{
    None,
    Sent,
    Delivered,
    Read,
}

public static class StatusProgressions
{
    public static StatusProgression Parse(string? value) =>
        Enum.TryParse<StatusProgression>(value, ignoreCase: true, out var parsed) ? parsed : StatusProgression.Read;
}
