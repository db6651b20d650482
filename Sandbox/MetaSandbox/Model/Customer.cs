using System.Collections.Concurrent;

namespace WhatsAppGenesys.MetaSandbox.Model;

// A WhatsApp user as the simulator sees them. Identity: the phone number (wa_id) and the business-scoped user id
// (BSUID, user_id). Username users hide their phone number, so webhooks then carry only the BSUID fields.
public sealed class Customer(string? waId, string userId)
{
    private readonly ConcurrentDictionary<string, long> _lastInboundByPhoneNumberId = new(StringComparer.Ordinal);
    private readonly LinkedList<OutboundMessage> _outbound = new();
    private readonly LinkedList<InboundRecord> _inbound = new();

    public string Key => WaId ?? UserId;
    public string? WaId { get; } = waId;
    public string UserId { get; } = userId;
    public string? ParentUserId { get; set; }
    public string? Username { get; set; }
    public string ProfileName { get; set; } = waId is null ? "Sandbox Customer" : $"Sandbox Customer {waId[^Math.Min(4, waId.Length)..]}";
    public bool HidesPhoneNumber { get; set; }

    // Null while reachable; otherwise how a message to this customer fails with 131026.
    public PolicyErrorDelivery? Unreachable { get; set; }

    public long? LastInboundUnix(string phoneNumberId) =>
        _lastInboundByPhoneNumberId.TryGetValue(phoneNumberId, out var at) ? at : null;

    // Keeps the latest inbound time so an old timestamp override can open, but never shorten, a window.
    public void RecordInbound(string phoneNumberId, long unixSeconds) =>
        _lastInboundByPhoneNumberId.AddOrUpdate(phoneNumberId, unixSeconds, (_, old) => Math.Max(old, unixSeconds));

    // Returns the records pushed out by the cap so the caller can drop them from its indexes.
    public IReadOnlyList<OutboundMessage> AddOutbound(OutboundMessage message, int cap) =>
        Append(_outbound, message, cap);

    public IReadOnlyList<InboundRecord> AddInbound(InboundRecord record, int cap) => Append(_inbound, record, cap);

    public OutboundMessage[] OutboundSnapshot()
    {
        lock (_outbound) { return [.. _outbound]; }
    }

    public InboundRecord[] InboundSnapshot()
    {
        lock (_inbound) { return [.. _inbound]; }
    }

    private static IReadOnlyList<T> Append<T>(LinkedList<T> list, T item, int cap)
    {
        lock (list)
        {
            list.AddLast(item);
            if (list.Count <= cap)
            {
                return [];
            }
            var evicted = new List<T>();
            while (list.Count > cap)
            {
                evicted.Add(list.First!.Value);
                list.RemoveFirst();
            }
            return evicted;
        }
    }
}

// A message the customer sent, with what the business did to it (mark as read, typing indicator).
public sealed class InboundRecord(string wamid, string phoneNumberId, string type, long timestamp)
{
    public string Wamid { get; } = wamid;
    public string PhoneNumberId { get; } = phoneNumberId;
    public string Type { get; } = type;
    public long Timestamp { get; } = timestamp;
    public bool ReadByBusiness { get; set; }
    public bool TypingIndicatorShown { get; set; }
}
