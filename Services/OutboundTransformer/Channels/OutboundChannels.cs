using WhatsAppGenesys.Contracts.State;
using WhatsAppGenesys.OutboundTransformer.Channels.Rcs;
using WhatsAppGenesys.OutboundTransformer.Channels.WhatsApp;

namespace WhatsAppGenesys.OutboundTransformer.Channels;

/// <summary>The channel a customer is on, from their id (<see cref="CustomerAddress"/>).</summary>
public sealed class OutboundChannels(WhatsAppChannel whatsApp, RcsChannel rcs)
{
    public IOutboundChannel For(CustomerAddress customer) => customer.IsRcs ? rcs : whatsApp;
}
