namespace WhatsAppGenesys.Contracts.Operations;

/// <summary>
/// A tenant's token errors, per provider (<c>genesys</c>, <c>whatsapp</c>):
/// <c>GET /admin/tenants/{tenantId}/token-errors</c> (operator). A token error is a token the provider refused, or a
/// token we could not get (credentials refused, provider unreachable, nothing configured).
/// </summary>
public sealed record TokenErrorsResponse(string TenantId, IReadOnlyList<ProviderTokenErrors> Providers);

/// <param name="LastDay">Errors in the last 24 hours (counted per hour, so up to an hour more at the edge).</param>
/// <param name="LastAt">The most recent error in the last 30 days, if any.</param>
/// <param name="LastReason">What went wrong that time, in words (never a secret).</param>
public sealed record ProviderTokenErrors(string Provider, long LastDay, DateTimeOffset? LastAt, string? LastReason);
