using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace WhatsAppGenesys.MetaSandbox.Model;

// All customers and the wamid indexes that statuses, reactions and mark-as-read resolve against.
public sealed class CustomerStore(IOptions<MetaSandboxOptions> options)
{
    private readonly ConcurrentDictionary<string, Customer> _byWaId = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Customer> _byUserId = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, OutboundMessage> _outboundByWamid = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, InboundRecord> _inboundByWamid = new(StringComparer.Ordinal);
    private readonly int _cap = Math.Max(1, options.Value.MaxMessagesPerCustomer);

    public int Count => _byUserId.Count;

    // A BSUID looks like "US.13491208655302741918" (country, dot, id); a phone number is digits.
    public static bool IsBsuid(string id) => id.Length > 3 && char.IsAsciiLetterUpper(id[0]) && id.Contains('.');

    public static string NormalizePhone(string input) => new(input.Where(char.IsAsciiDigit).ToArray());

    public Customer GetOrCreate(string id) => IsBsuid(id) ? GetOrCreateByUserId(id) : GetOrCreateByWaId(NormalizePhone(id));

    public Customer? Find(string id) =>
        IsBsuid(id)
            ? _byUserId.GetValueOrDefault(id)
            : _byWaId.GetValueOrDefault(NormalizePhone(id));

    // The BSUID is derived from the number unless a test names one; it is fixed once the customer exists.
    public Customer GetOrCreateByWaId(string waId, string? userId = null)
    {
        if (_byWaId.TryGetValue(waId, out var existing))
        {
            return existing;
        }
        // Only the instance that wins the race is indexed by its BSUID too.
        var winner = _byWaId.GetOrAdd(waId, new Customer(waId, userId ?? DeriveBsuid(waId)));
        _byUserId.TryAdd(winner.UserId, winner);
        return winner;
    }

    public Customer GetOrCreateByUserId(string userId) =>
        _byUserId.GetOrAdd(userId, static u => new Customer(null, u));

    public void AddOutbound(OutboundMessage message)
    {
        _outboundByWamid[message.Wamid] = message;
        foreach (var evicted in message.Customer.AddOutbound(message, _cap))
        {
            _outboundByWamid.TryRemove(evicted.Wamid, out _);
        }
    }

    public void AddInbound(Customer customer, InboundRecord record)
    {
        _inboundByWamid[record.Wamid] = record;
        foreach (var evicted in customer.AddInbound(record, _cap))
        {
            _inboundByWamid.TryRemove(evicted.Wamid, out _);
        }
    }

    public OutboundMessage? FindOutbound(string wamid) => _outboundByWamid.GetValueOrDefault(wamid);

    public InboundRecord? FindInbound(string wamid) => _inboundByWamid.GetValueOrDefault(wamid);

    // A stable BSUID per phone number, so the same customer keeps one user_id across messages and restarts.
    private static string DeriveBsuid(string waId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(waId));
        var value = BinaryPrimitives.ReadUInt64BigEndian(hash) % 9_000_000_000_000_000_000UL + 1_000_000_000_000_000_000UL;
        return $"US.{value}";
    }
}
