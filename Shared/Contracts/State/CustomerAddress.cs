namespace WhatsAppGenesys.Contracts.State;

/// <summary>The customer channels the pipelines carry.</summary>
public static class CustomerChannel
{
    /// <summary>WhatsApp Cloud API: the address is the wa_id (phone number digits) or, for username-only users, the BSUID.</summary>
    public const string WhatsApp = "whatsapp";

    /// <summary>RCS Business Messaging: the address is the phone number in E.164 (<c>+14155550100</c>).</summary>
    public const string Rcs = "rcs";
}

/// <summary>
/// One customer on one channel. The same person on WhatsApp and on RCS is two customers, each with a conversation
/// of their own, so a customer id names its channel. A WhatsApp customer's id is the bare address (the ids stored
/// before RCS existed stay valid); any other channel's id is <c>{channel}:{address}</c>, e.g. <c>rcs:+14155550100</c>.
/// Neither a wa_id (digits) nor a BSUID (<c>US.1234…</c>) contains a colon, so the two forms cannot be confused.
/// The same id is what Genesys knows the customer by (<c>channel.from.id</c>), so an agent's reply names its channel.
/// A tenant may link the two channels: then an RCS user is known by the WhatsApp form of their number and answered
/// where they last wrote (<see cref="LinkedChannels"/>).
/// </summary>
public readonly record struct CustomerAddress(string Channel, string Address)
{
    private const char Separator = ':';

    public static CustomerAddress WhatsApp(string waIdOrBsuid) => new(CustomerChannel.WhatsApp, waIdOrBsuid);

    public static CustomerAddress Rcs(string msisdn) => new(CustomerChannel.Rcs, msisdn);

    public bool IsRcs => Channel == CustomerChannel.Rcs;

    /// <summary>The key of the customer's conversation in the state manager and the ordering key's customer part.</summary>
    public string CustomerId => Channel == CustomerChannel.WhatsApp ? Address : $"{Channel}{Separator}{Address}";

    /// <summary>Reads a customer id (or the id Genesys echoes back) as channel and address.</summary>
    public static CustomerAddress Parse(string customerId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(customerId);
        var separator = customerId.IndexOf(Separator, StringComparison.Ordinal);
        if (separator > 0 && customerId[..separator] == CustomerChannel.Rcs)
        {
            return Rcs(customerId[(separator + 1)..]);
        }
        return WhatsApp(customerId);
    }

    public override string ToString() => CustomerId;
}
