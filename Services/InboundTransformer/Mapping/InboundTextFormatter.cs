using System.Globalization;
using System.Text;
using WhatsAppGenesys.Contracts.Meta;

namespace WhatsAppGenesys.InboundTransformer.Mapping;

/// <summary>
/// Readable text for WhatsApp messages Genesys has no type for. Customer strings are copied verbatim: this is data
/// for an agent's transcript, not markup, so nothing is escaped or stripped here.
/// </summary>
public static class InboundTextFormatter
{
    private const int QuoteLength = 80;

    public static string Location(MetaLocation location)
    {
        var lat = location.Latitude.ToString(CultureInfo.InvariantCulture);
        var lng = location.Longitude.ToString(CultureInfo.InvariantCulture);
        var label = string.Join(", ", new[] { location.Name, location.Address }.Where(s => !string.IsNullOrWhiteSpace(s)));
        var title = label.Length > 0 ? $"📍 {label}" : $"📍 Location: {lat}, {lng}";
        return $"{title}\nhttps://maps.google.com/?q={lat},{lng}";
    }

    public static string Contacts(IReadOnlyList<MetaSharedContact> contacts) =>
        string.Join("\n\n", contacts.Select(Contact));

    private static string Contact(MetaSharedContact contact)
    {
        var text = new StringBuilder($"📇 Contact: {NameOf(contact.Name)}");
        foreach (var phone in contact.Phones ?? [])
        {
            text.Append($"\nPhone{Kind(phone.Type)}: {phone.Phone ?? "+" + phone.WaId}");
        }
        foreach (var email in contact.Emails ?? [])
        {
            text.Append($"\nEmail{Kind(email.Type)}: {email.Email}");
        }
        if (contact.Org is { } org && Join(org.Company, org.Department, org.Title) is { Length: > 0 } organization)
        {
            text.Append($"\nOrganization: {organization}");
        }
        foreach (var url in contact.Urls ?? [])
        {
            text.Append($"\nWebsite{Kind(url.Type)}: {url.Url}");
        }
        foreach (var address in contact.Addresses ?? [])
        {
            text.Append($"\nAddress{Kind(address.Type)}: {Join(address.Street, address.City, address.State, address.Zip, address.Country)}");
        }
        if (!string.IsNullOrWhiteSpace(contact.Birthday))
        {
            text.Append($"\nBirthday: {contact.Birthday}");
        }
        return text.ToString();
    }

    public static string Order(MetaOrder order)
    {
        var text = new StringBuilder(order.CatalogId is null ? "🛒 Order:" : $"🛒 Order (catalog {order.CatalogId}):");
        foreach (var item in order.ProductItems ?? [])
        {
            text.Append(CultureInfo.InvariantCulture,
                $"\n{item.Quantity} × {item.ProductRetailerId} @ {item.ItemPrice} {item.Currency}");
        }
        if (!string.IsNullOrWhiteSpace(order.Text))
        {
            text.Append($"\nNote: {order.Text}");
        }
        return text.ToString();
    }

    public static string Reaction(MetaReaction reaction, string? quotedText)
    {
        var target = quotedText is null ? null : $"\"{Shorten(quotedText)}\"";
        return string.IsNullOrEmpty(reaction.Emoji)
            ? target is null ? "Removed a reaction" : $"Removed a reaction from {target}"
            : $"Reacted {reaction.Emoji} to {target ?? "a message"}";
    }

    /// <summary>A reply shows what it answers, the way WhatsApp does above the bubble.</summary>
    public static string Quote(string quotedText, string? text) =>
        text is null ? $"> {Shorten(quotedText)}" : $"> {Shorten(quotedText)}\n{text}";

    /// <summary>Never drop a message silently: the agent sees that something arrived and why it is not shown.</summary>
    public static string Unsupported(string kind, MetaError? error)
    {
        var what = string.IsNullOrWhiteSpace(kind) ? "" : $" ({kind})";
        var why = error?.Title ?? error?.Message;
        return string.IsNullOrWhiteSpace(why)
            ? $"[Unsupported WhatsApp message{what}]"
            : $"[Unsupported WhatsApp message{what}: {why}]";
    }

    public static string MediaUnavailable(string type, string? caption)
    {
        var note = $"[{char.ToUpperInvariant(type[0])}{type[1..]} received, but the file could not be retrieved]";
        return string.IsNullOrEmpty(caption) ? note : $"{note}\n{caption}";
    }

    private static string NameOf(MetaContactName? name) =>
        name?.FormattedName is { Length: > 0 } formatted ? formatted
        : Join(name?.FirstName, name?.LastName) is { Length: > 0 } joined ? joined
        : "(no name)";

    private static string Kind(string? type) => string.IsNullOrWhiteSpace(type) ? "" : $" ({type})";

    private static string Join(params string?[] parts) =>
        string.Join(", ", parts.Where(p => !string.IsNullOrWhiteSpace(p)));

    private static string Shorten(string text)
    {
        var line = text.ReplaceLineEndings(" ").Trim();
        if (line.Length <= QuoteLength)
        {
            return line;
        }
        var cut = char.IsHighSurrogate(line[QuoteLength - 1]) ? QuoteLength - 1 : QuoteLength;
        return line[..cut] + "…";
    }
}
