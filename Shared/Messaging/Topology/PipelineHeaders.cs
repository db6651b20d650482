using System.Globalization;
using System.Text;

namespace WhatsAppGenesys.Messaging.Topology;

/// <summary>
/// The AMQP headers a pipeline message carries. The ordering key travels in a header (not only in the routing key)
/// because a message coming back from a delay queue arrives through the default exchange with the queue name as its
/// routing key.
/// </summary>
public static class PipelineHeaders
{
    public const string OrderingKey = "x-ordering-key";

    /// <summary>Failed attempts so far (0 when first published, reset by a replay).</summary>
    public const string Attempt = "x-attempt";

    /// <summary>When the message was first published (Unix milliseconds); kept across retries and replays.</summary>
    public const string FirstSeen = "x-first-seen";

    /// <summary>The reason of the last failed attempt.</summary>
    public const string LastError = "x-last-error";

    /// <summary>Why a message was parked in the dead-letter or error queue.</summary>
    public const string Reason = "x-reason";

    /// <summary>The work queue a parked message was taken from.</summary>
    public const string OriginalQueue = "x-original-queue";

    /// <summary>When the message was parked (Unix milliseconds).</summary>
    public const string ParkedAt = "x-parked-at";

    /// <summary>
    /// Set by the broker on a message it dead-lettered itself; on a quorum work queue that is <c>delivery_limit</c>,
    /// a message that was delivered too often without being settled (see <see cref="QueueArguments"/>).
    /// </summary>
    public const string BrokerDeathReason = "x-first-death-reason";

    /// <summary>Set by the broker with <see cref="BrokerDeathReason"/>: the queue it took the message from.</summary>
    public const string BrokerDeathQueue = "x-first-death-queue";

    /// <summary>
    /// When a message in a delay queue is due back in its work queue (Unix milliseconds); read and removed by the
    /// delay queue's pump (<c>DelayQueuePump</c>).
    /// </summary>
    public const string DueAt = "x-due-at";

    /// <summary>When an operator replayed the message (Unix milliseconds).</summary>
    public const string ReplayedAt = "x-replayed-at";

    public static string? GetString(IDictionary<string, object?>? headers, string name) =>
        headers is not null && headers.TryGetValue(name, out var value) && value is not null ? AsString(value) : null;

    public static long? GetInt64(IDictionary<string, object?>? headers, string name)
    {
        if (headers is null || !headers.TryGetValue(name, out var value))
        {
            return null;
        }
        return value switch
        {
            int i => i,
            long l => l,
            short s => s,
            byte b => b,
            sbyte sb => sb,
            uint ui => ui,
            ushort us => us,
            byte[] or string => long.TryParse(AsString(value), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : null,
            _ => null,
        };
    }

    public static DateTimeOffset? GetTime(IDictionary<string, object?>? headers, string name) =>
        GetInt64(headers, name) is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;

    /// <summary>
    /// Copies the headers of a delivered message for republishing, without the broker's dead-letter bookkeeping
    /// (<c>x-death</c> and friends): attempts are counted in <see cref="Attempt"/>, and x-death would only grow the message.
    /// </summary>
    public static Dictionary<string, object?> CopyForRepublish(IDictionary<string, object?>? headers)
    {
        var copy = new Dictionary<string, object?>(headers?.Count + 4 ?? 6, StringComparer.Ordinal);
        if (headers is null)
        {
            return copy;
        }
        foreach (var (key, value) in headers)
        {
            if (key is "x-death" or "x-first-death-exchange" or "x-first-death-queue" or "x-first-death-reason"
                or "x-last-death-exchange" or "x-last-death-queue" or "x-last-death-reason"
                or "x-delivery-count") // a quorum queue's count of this copy's deliveries; a republished copy starts afresh
            {
                continue;
            }
            copy[key] = value;
        }
        return copy;
    }

    /// <summary>AMQP delivers string headers as byte arrays; headers set in this process are still strings.</summary>
    private static string AsString(object value) => value is byte[] bytes ? Encoding.UTF8.GetString(bytes) : value.ToString() ?? "";

    /// <summary>Header values end up in logs and admin listings: keep them short.</summary>
    public static string Truncate(string value, int max = 500) => value.Length <= max ? value : string.Concat(value.AsSpan(0, max), "…");
}
