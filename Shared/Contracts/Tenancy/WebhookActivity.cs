namespace WhatsAppGenesys.Contracts.Tenancy;

/// <summary>
/// When a tenant's webhooks last got through (signature checked and queued), per provider:
/// <c>GET /admin/webhooks/{whatsapp|genesys}/tenants/{tenantId}/last-received</c> (operator). Null: not in the last 30 days.
/// </summary>
public sealed record WebhookActivityResponse(string Source, string TenantId, DateTimeOffset? LastReceivedAt);
