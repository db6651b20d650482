using System.Globalization;
using System.Text.Json;
using WhatsAppGenesys.Contracts.Events;

namespace WhatsAppGenesys.WhatsAppWebhook.Receiving;

/// <summary>
/// Reads a Meta webhook envelope without binding it to models: every entry, every change, every message and status
/// (Meta batches; taking only [0] is how comparable systems lost messages). Unknown fields are carried through.
/// </summary>
public static class MetaWebhookReader
{
    /// <summary>One <c>changes[]</c> item of field "messages", with the business number it is addressed to.</summary>
    public sealed record Change(string WabaId, string PhoneNumberId, string? DisplayPhoneNumber, JsonElement Value);

    /// <summary>Returns the changes, or null when the body is JSON but not a WhatsApp Business Account webhook.</summary>
    public static IReadOnlyList<Change>? ReadChanges(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object ||
            !root.TryGetProperty("object", out var kind) || kind.ValueKind != JsonValueKind.String ||
            kind.GetString() != "whatsapp_business_account" ||
            !root.TryGetProperty("entry", out var entries) || entries.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var changes = new List<Change>();
        foreach (var entry in entries.EnumerateArray())
        {
            if (entry.ValueKind != JsonValueKind.Object || !entry.TryGetProperty("changes", out var entryChanges) || entryChanges.ValueKind != JsonValueKind.Array)
            {
                return null;
            }
            var wabaId = String(entry, "id") ?? "";
            foreach (var change in entryChanges.EnumerateArray())
            {
                if (change.ValueKind != JsonValueKind.Object || !change.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.Object)
                {
                    return null;
                }
                if (String(change, "field") is not ("messages" or null))
                {
                    continue; // template/account updates: not customer traffic
                }
                if (!value.TryGetProperty("metadata", out var metadata) || String(metadata, "phone_number_id") is not { Length: > 0 } phoneNumberId)
                {
                    return null;
                }
                changes.Add(new Change(wabaId, phoneNumberId, String(metadata, "display_phone_number"), value));
            }
        }
        return changes;
    }

    /// <summary>One event per message and per status of a change, for the given (already resolved) tenant.</summary>
    public static IEnumerable<WhatsAppEventReceived> ReadEvents(Change change, string tenantId, DateTimeOffset receivedAt, string? archiveKey)
    {
        var contacts = change.Value.TryGetProperty("contacts", out var c) && c.ValueKind == JsonValueKind.Array ? c : default;

        foreach (var message in Items(change.Value, "messages"))
        {
            var customerId = MessageCustomer(message);
            var wamid = String(message, "id");
            if (customerId is null || wamid is null)
            {
                throw new InvalidWebhookException("a message has no id or no sender (from / from_user_id)");
            }
            yield return new WhatsAppEventReceived(wamid, WhatsAppEventReceived.MessageKind, tenantId, change.WabaId, change.PhoneNumberId,
                change.DisplayPhoneNumber, customerId, ContactName(contacts, message), message.Clone(), FindContact(contacts, message)?.Clone(), receivedAt, archiveKey);
        }

        foreach (var status in Items(change.Value, "statuses"))
        {
            var customerId = StatusCustomer(status);
            var id = String(status, "id");
            var state = String(status, "status");
            if (customerId is null || id is null || state is null)
            {
                throw new InvalidWebhookException("a status has no id, status or recipient");
            }
            // A message gets several statuses (sent, delivered, read): each is its own event.
            yield return new WhatsAppEventReceived($"{id}:{state}", WhatsAppEventReceived.StatusKind, tenantId, change.WabaId, change.PhoneNumberId,
                change.DisplayPhoneNumber, customerId, null, status.Clone(), null, receivedAt, archiveKey);
        }
    }

    /// <summary>
    /// Each customer a change is about, once per message and status, with its Meta <c>timestamp</c> (Unix seconds;
    /// null when missing or not a number). Items without a customer are left out: <see cref="ReadEvents"/> refuses them.
    /// </summary>
    public static IEnumerable<(string CustomerId, long? Timestamp)> Customers(Change change)
    {
        foreach (var message in Items(change.Value, "messages"))
        {
            if (MessageCustomer(message) is { } customerId)
            {
                yield return (customerId, Timestamp(message));
            }
        }
        foreach (var status in Items(change.Value, "statuses"))
        {
            if (StatusCustomer(status) is { } customerId)
            {
                yield return (customerId, Timestamp(status));
            }
        }
    }

    public static IEnumerable<JsonElement> Items(JsonElement value, string name) =>
        value.TryGetProperty(name, out var items) && items.ValueKind == JsonValueKind.Array ? items.EnumerateArray() : [];

    // The wa_id when Meta sends one, else the BSUID (username-only users have no phone number).
    private static string? MessageCustomer(JsonElement message) => String(message, "from") ?? String(message, "from_user_id");

    private static string? StatusCustomer(JsonElement status) => String(status, "recipient_id") ?? String(status, "recipient_user_id");

    // Meta writes it as a string of digits; a number is accepted too.
    private static long? Timestamp(JsonElement item)
    {
        if (!item.TryGetProperty("timestamp", out var value))
        {
            return null;
        }
        if (value.ValueKind == JsonValueKind.String && long.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var text))
        {
            return text;
        }
        return value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) ? number : null;
    }

    private static string? ContactName(JsonElement contacts, JsonElement message) =>
        FindContact(contacts, message) is { } contact && contact.TryGetProperty("profile", out var profile) ? String(profile, "name") : null;

    private static JsonElement? FindContact(JsonElement contacts, JsonElement message)
    {
        if (contacts.ValueKind != JsonValueKind.Array)
        {
            return null;
        }
        var from = String(message, "from");
        var fromUser = String(message, "from_user_id");
        JsonElement? first = null;
        foreach (var contact in contacts.EnumerateArray())
        {
            first ??= contact;
            if ((from is not null && String(contact, "wa_id") == from) || (fromUser is not null && String(contact, "user_id") == fromUser))
            {
                return contact;
            }
        }
        return first;
    }

    private static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}

public sealed class InvalidWebhookException(string message) : Exception(message);
