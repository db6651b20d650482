using System.Globalization;
using System.Text;
using WhatsAppGenesys.Contracts.Operations;

namespace WhatsAppGenesys.IntegrationTests.Faults;

/// <summary>What arrived from a <see cref="Burst"/>, compared with what was sent.</summary>
public sealed class BurstReport
{
    /// <summary>The burst reported on.</summary>
    public required Burst Burst { get; init; }

    public int Customers { get; private init; }

    public int Sent { get; private init; }

    /// <summary>Sent messages that arrived at least once (not counting refused ones).</summary>
    public int Delivered { get; private init; }

    /// <summary>Sent messages that never arrived.</summary>
    public IReadOnlyList<string> Missing { get; private init; } = [];

    /// <summary>Messages that arrived more than once, with how many times.</summary>
    public IReadOnlyDictionary<string, int> Duplicated { get; private init; } = new Dictionary<string, int>();

    /// <summary>
    /// Customers whose messages arrived in another order than they were sent, each with the first message that
    /// arrived before one sent earlier and how many did (by their number in the customer's sends: "#8 before #7").
    /// </summary>
    public IReadOnlyList<string> OutOfOrder { get; private init; } = [];

    /// <summary>Messages the receiving side refused (the Genesys sandbox keeps them as rejected) and never accepted afterwards.</summary>
    public IReadOnlyList<string> Rejected { get; private init; } = [];

    /// <summary>Images that arrived with an attachment that could not be fetched.</summary>
    public IReadOnlyList<string> BrokenImages { get; private init; } = [];

    /// <summary>Messages of the burst in the dead-letter or error queue, with the reason the pipeline gave.</summary>
    public IReadOnlyList<ParkedEntry> Parked { get; private init; } = [];

    /// <summary>Work and delay queues of the pipeline that still held messages at the end, with their consumers then.</summary>
    public IReadOnlyDictionary<string, QueueDepth> LeftInQueues { get; private init; } = new Dictionary<string, QueueDepth>();

    public int Images { get; private init; }

    public TimeSpan SendDuration { get; private init; }

    /// <summary>From the first send until every message had arrived (or the deadline).</summary>
    public TimeSpan DeliveryDuration { get; private init; }

    /// <summary>Every message delivered exactly once and in order, nothing parked, nothing left in a queue.</summary>
    public bool IsClean => Missing.Count == 0 && Duplicated.Count == 0 && OutOfOrder.Count == 0 && Rejected.Count == 0
        && BrokenImages.Count == 0 && Parked.Count == 0 && LeftInQueues.Count == 0;

    internal static BurstReport Build(
        Burst burst,
        IReadOnlyDictionary<string, List<string>> sent,
        IReadOnlySet<string> images,
        IReadOnlyDictionary<string, List<ReceivedMessage>> received,
        IReadOnlyList<ParkedEntry> parked,
        IReadOnlyDictionary<string, QueueDepth> queues,
        TimeSpan sendDuration,
        TimeSpan deliveryDuration)
    {
        var missing = new List<string>();
        var duplicated = new Dictionary<string, int>(StringComparer.Ordinal);
        var outOfOrder = new List<string>();
        var rejected = new List<string>();
        var brokenImages = new List<string>();
        var delivered = 0;
        foreach (var (customer, wamids) in sent)
        {
            var ours = new HashSet<string>(wamids, StringComparer.Ordinal);
            var got = received.TryGetValue(customer, out var list) ? list : [];
            var accepted = got.Where(m => !m.Rejected && ours.Contains(m.Id)).ToList();
            // A refusal followed by a successful retry is fine (the sandbox keeps refused attempts visible; Genesys
            // would not); a message refused and never accepted is not.
            rejected.AddRange(got.Where(m => m.Rejected && ours.Contains(m.Id)).Select(m => m.Id)
                .Where(w => !accepted.Any(a => a.Id == w)).Distinct());
            foreach (var group in accepted.GroupBy(m => m.Id).Where(g => g.Count() > 1))
            {
                duplicated[group.Key] = group.Count();
            }
            var firsts = accepted.Select(m => m.Id).Distinct(StringComparer.Ordinal).ToList();
            delivered += firsts.Count;
            missing.AddRange(wamids.Where(w => !firsts.Contains(w, StringComparer.Ordinal)));
            // Order: the delivered ones, in the order first received, must be the sent order without the missing ones.
            if (!firsts.SequenceEqual(wamids.Where(firsts.Contains), StringComparer.Ordinal))
            {
                outOfOrder.Add($"{customer} ({Overtakes(wamids, firsts)})");
            }
            brokenImages.AddRange(accepted.Where(m => images.Contains(m.Id) && m.AttachmentFetched != true).Select(m => m.Id));
        }

        return new BurstReport
        {
            Burst = burst,
            Customers = sent.Count,
            Sent = sent.Values.Sum(w => w.Count),
            Delivered = delivered,
            Missing = missing,
            Duplicated = duplicated,
            OutOfOrder = outOfOrder,
            Rejected = rejected,
            BrokenImages = brokenImages.Distinct().ToList(),
            Parked = parked,
            LeftInQueues = queues.Where(q => !PipelineAdminClient.IsParkingQueue(q.Key) && q.Value.Messages > 0).ToDictionary(),
            Images = images.Count,
            SendDuration = sendDuration,
            DeliveryDuration = deliveryDuration,
        };
    }

    /// <summary>Which message first arrived ahead of one sent before it, and how many arrived ahead of an earlier one.</summary>
    private static string Overtakes(List<string> sent, List<string> arrived)
    {
        var numbers = arrived.Select(id => sent.IndexOf(id) + 1).ToList();
        var overtaking = Enumerable.Range(1, numbers.Count - 1).Where(i => numbers[i] < numbers[..i].Max()).ToList();
        var first = overtaking[0];
        return $"#{numbers[..first].Max()} before #{numbers[first]}, {overtaking.Count} overtaken";
    }

    /// <summary>The one assertion every scenario ends with; the message says everything that went wrong.</summary>
    public void AssertEveryMessageDeliveredOnceInOrder()
    {
        TestContext.Current.TestOutputHelper?.WriteLine(ToString());
        Assert.True(Sent > 0, "The burst sent nothing.");
        Assert.True(IsClean, ToString());
    }

    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture,
            $"{Sent} messages ({Images} images) from {Customers} customers sent in {SendDuration.TotalSeconds:F1} s; ");
        text.Append(CultureInfo.InvariantCulture,
            $"{Delivered} delivered after {DeliveryDuration.TotalSeconds:F1} s; {Missing.Count} missing, {Duplicated.Count} duplicated, ");
        text.Append(CultureInfo.InvariantCulture,
            $"{OutOfOrder.Count} customers out of order, {Rejected.Count} rejected, {BrokenImages.Count} broken images, {Parked.Count} parked.");
        Detail("missing", Missing);
        Detail("duplicated", Duplicated.Select(d => $"{d.Key} ×{d.Value}"));
        Detail("out of order", OutOfOrder);
        Detail("refused", Rejected);
        Detail("image not fetched", BrokenImages);
        Detail("parked", Parked.Select(p => $"{p.MessageId} in {p.Lot}: {p.Reason}"));
        Detail("left in queues", LeftInQueues.Select(q => $"{q.Key}={q.Value.Messages} ({q.Value.Consumers} consumers)"));
        return text.ToString();

        void Detail(string label, IEnumerable<string> items)
        {
            var list = items.ToList();
            if (list.Count > 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"\n  {label}: {string.Join(", ", list.Take(10))}{(list.Count > 10 ? $" … (+{list.Count - 10})" : "")}");
            }
        }
    }
}
