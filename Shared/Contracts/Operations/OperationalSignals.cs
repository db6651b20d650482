namespace WhatsAppGenesys.Contracts.Operations;

/// <summary>
/// Counters the services keep in Redis for the alert service, which cannot read another process's in-memory
/// metrics (docs/decisions.md, "Alerting"). Each is one hash per ten seconds of UTC time (so a window can be as short
/// as a test needs), a field per tenant (and outcome), kept <see cref="Retention"/>; writers increment without
/// waiting and never fail the request they describe.
/// </summary>
public static class OperationalSignals
{
    public static readonly TimeSpan Retention = TimeSpan.FromHours(2);

    /// <summary>Webhooks of <paramref name="source"/> (<see cref="ProviderKeys"/>) refused with 401: field = tenant id.</summary>
    public static string SignatureFailures(string source, DateTimeOffset at) =>
        $"signals:webhook-signature-failures:{source}:{Bucket(at)}";

    /// <summary>Sends to <paramref name="provider"/> (<see cref="ProviderKeys"/>) that reached it: fields <c>{tenantId}:ok</c> and <c>{tenantId}:failed</c>.</summary>
    public static string Sends(string provider, DateTimeOffset at) =>
        $"signals:sends:{provider}:{Bucket(at)}";

    public const string SendSucceeded = "ok";
    public const string SendFailed = "failed";

    public static readonly TimeSpan BucketLength = TimeSpan.FromSeconds(10);

    /// <summary>The instants naming each bucket of the last <paramref name="window"/> up to <paramref name="now"/>, newest first.</summary>
    public static IEnumerable<DateTimeOffset> Buckets(DateTimeOffset now, TimeSpan window)
    {
        var count = Math.Max(1, (int)Math.Ceiling(window / BucketLength));
        for (var i = 0; i < count; i++)
        {
            yield return now - BucketLength * i;
        }
    }

    // yyyyMMddHHmm plus the tens of seconds: 202612041830 + 4 for 18:30:40–49.
    private static string Bucket(DateTimeOffset at) => $"{at.UtcDateTime:yyyyMMddHHmm}{at.UtcDateTime.Second / 10}";
}
