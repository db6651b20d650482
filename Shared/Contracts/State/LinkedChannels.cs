namespace WhatsAppGenesys.Contracts.State;

/// <summary>
/// A tenant may link WhatsApp and RCS (<c>RcsSettings.LinkWithWhatsApp</c>): then a phone number is one customer with
/// one conversation on both channels. The linked conversation is keyed by the WhatsApp form of the number (the wa_id:
/// its digits, no "+"), so an RCS user joins the conversation they already have on WhatsApp, and the state manager,
/// the ledger, the history and Genesys see one customer. Replies leave by the channel of the customer's latest
/// message (<see cref="ConversationMapping.LastInboundChannel"/>). Without the link, or for a BSUID (no number),
/// nothing here changes a customer.
/// </summary>
public static class LinkedChannels
{
    /// <summary>The customer id of the RCS user at <paramref name="msisdn"/> (E.164): their own, or the WhatsApp one when linked.</summary>
    public static string RcsCustomerId(string msisdn, bool linked) =>
        linked && Digits(msisdn) is { } digits ? CustomerAddress.WhatsApp(digits).CustomerId : CustomerAddress.Rcs(msisdn).CustomerId;

    /// <summary>
    /// Where a reply to <paramref name="customer"/> goes: their own channel, except a phone number known by its
    /// WhatsApp form whose latest message came by RCS, which is answered over RCS at <c>+digits</c>. A conversation
    /// with nothing recorded (older data) goes by its id, as before linking existed.
    /// </summary>
    public static CustomerAddress ReplyTo(CustomerAddress customer, string? lastInboundChannel) =>
        !customer.IsRcs && lastInboundChannel == CustomerChannel.Rcs && Digits(customer.Address) is { } digits
            ? CustomerAddress.Rcs("+" + digits)
            : customer;

    /// <summary>The digits of a phone number written with or without its "+"; null for anything else (a BSUID).</summary>
    private static string? Digits(string number)
    {
        var digits = number.StartsWith('+') ? number[1..] : number;
        return digits.Length > 0 && digits.All(char.IsAsciiDigit) ? digits : null;
    }
}
