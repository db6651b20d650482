using WhatsAppGenesys.Contracts.Genesys;
using WhatsAppGenesys.Contracts.State;
using WhatsAppGenesys.Contracts.Tenancy;

namespace WhatsAppGenesys.OutboundTransformer.Delivery;

/// <summary>One agent message on its way out: whose, to whom on which channel, and what Genesys sent.</summary>
/// <param name="GenesysId">The Genesys message id: the ledger row's key and the idempotency key's root.</param>
/// <param name="Recipient">Genesys's <c>channel.to</c>, echoed in the Failed receipt.</param>
public sealed record AgentMessage(TenantResolution Tenant, CustomerAddress Customer, string GenesysId, GenesysRecipient Recipient,
    GenesysOutboundMessage Message, DateTimeOffset OccurredAt)
{
    public string TenantId => Tenant.TenantId;
}
