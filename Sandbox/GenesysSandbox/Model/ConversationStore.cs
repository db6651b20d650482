using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace WhatsAppGenesys.GenesysSandbox.Model;

/// <summary>Every conversation in memory, indexed by id, by (integration, customer id) and outbound messages by id.</summary>
public sealed class ConversationStore(IOptions<GenesysSandboxOptions> options, TimeProvider time)
{
    private const int MaxUnmatchedReceipts = 1_000;

    private readonly ConcurrentDictionary<Guid, Conversation> _byId = new();
    private readonly ConcurrentDictionary<(string IntegrationId, string CustomerId), Conversation> _byCustomer = new();
    private readonly ConcurrentDictionary<string, (Conversation Conversation, ConversationMessage Message)> _outboundMessages = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<UnmatchedReceipt> _unmatchedReceipts = new();

    public int Count => _byId.Count;

    /// <summary>
    /// The customer's open conversation on the integration, created on first contact and again after the last one
    /// was disconnected (Genesys starts a new interaction for the next message).
    /// </summary>
    public Conversation GetOrCreate(string integrationId, Customer customer)
    {
        var key = (integrationId, customer.Id);
        while (true)
        {
            var found = _byCustomer.TryGetValue(key, out var existing);
            if (found && !existing!.IsEnded)
            {
                return existing;
            }

            var created = CreateById(integrationId, customer);
            if (found ? _byCustomer.TryUpdate(key, created, existing!) : _byCustomer.TryAdd(key, created))
            {
                return created;
            }
            _byId.TryRemove(created.Id, out _);
        }
    }

    /// <summary>The customer's conversation on the integration that is not disconnected, or null.</summary>
    public Conversation? FindActive(string integrationId, string customerId) =>
        _byCustomer.TryGetValue((integrationId, customerId), out var conversation) && !conversation.IsEnded ? conversation : null;

    /// <summary>
    /// The latest details known of the customer on the integration (from their most recent conversation, ended or not),
    /// or null when they never had one.
    /// </summary>
    public Customer? FindCustomer(string integrationId, string customerId) =>
        _byCustomer.TryGetValue((integrationId, customerId), out var conversation) ? conversation.Summary().Customer : null;

    /// <summary>
    /// Opens a new conversation for the customer even if one is still active. The new one is the customer's from now on:
    /// their next message joins it. One still active before keeps its messages and its state.
    /// </summary>
    public Conversation Open(string integrationId, Customer customer)
    {
        var created = CreateById(integrationId, customer);
        _byCustomer[(integrationId, customer.Id)] = created;
        return created;
    }

    public Conversation? Find(Guid id) => _byId.GetValueOrDefault(id);

    /// <summary>
    /// Conversations of a customer id. Tests know the phone number; the middleware may or may not have sent it with a
    /// leading '+', so the other spelling is tried when the exact one has no match.
    /// </summary>
    public IReadOnlyList<Conversation> FindByCustomer(string customerId, string? integrationId)
    {
        var exact = Match(customerId, integrationId);
        if (exact.Count > 0)
        {
            return exact;
        }

        var alternative = customerId.StartsWith('+') ? customerId[1..] : "+" + customerId;
        return Match(alternative, integrationId);
    }

    public IEnumerable<Conversation> All() => _byId.Values;

    /// <summary>Makes an outbound message findable by its id, which is what a receipt names.</summary>
    public void RegisterOutboundMessage(Conversation conversation, ConversationMessage message) =>
        _outboundMessages[message.Id!] = (conversation, message);

    public bool TryGetOutboundMessage(string id, out Conversation conversation, out ConversationMessage message)
    {
        if (_outboundMessages.TryGetValue(id, out var entry))
        {
            (conversation, message) = entry;
            return true;
        }

        conversation = null!;
        message = null!;
        return false;
    }

    public void AddUnmatchedReceipt(UnmatchedReceipt receipt)
    {
        _unmatchedReceipts.Enqueue(receipt);
        while (_unmatchedReceipts.Count > MaxUnmatchedReceipts && _unmatchedReceipts.TryDequeue(out _))
        {
        }
    }

    public IReadOnlyList<UnmatchedReceipt> UnmatchedReceipts() => [.. _unmatchedReceipts];

    public void Clear()
    {
        _byId.Clear();
        _byCustomer.Clear();
        _outboundMessages.Clear();
        _unmatchedReceipts.Clear();
    }

    // Every conversation of the customer, ended ones included.
    private List<Conversation> Match(string customerId, string? integrationId) =>
        [.. _byId.Values
            .Where(c => c.Customer.Id == customerId &&
                        (integrationId is null || string.Equals(c.IntegrationId, integrationId, StringComparison.OrdinalIgnoreCase)))];

    // Registered by id before the customer index points at it, so whoever finds it by customer can also find it by id.
    private Conversation CreateById(string integrationId, Customer customer)
    {
        var created = new Conversation(Guid.NewGuid(), integrationId, customer, time.GetUtcNow(),
            Math.Max(1, options.Value.MaxMessagesPerConversation));
        _byId[created.Id] = created;
        return created;
    }
}

/// <summary>A receipt whose id names no outbound message of the integration: accepted (as Genesys does) but kept visible.</summary>
public sealed record UnmatchedReceipt(string IntegrationId, string? Id, string? ToId, string Status, DateTimeOffset ReceivedAt);
