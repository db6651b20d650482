using WhatsAppGenesys.Contracts.Tenancy;

namespace WhatsAppGenesys.Clients.Tenancy;

/// <summary>An in-process cache that must drop a tenant's entries the moment the tenant changes.</summary>
public interface ITenantInvalidationObserver
{
    void OnTenantInvalidated(TenantInvalidation invalidation);

    /// <summary>The invalidation feed was interrupted (Redis reconnected): messages may have been missed.</summary>
    void OnInvalidationFeedInterrupted();
}
