namespace WhatsAppGenesys.ApiGateway.Routing;

/// <summary>Who may call a route.</summary>
public enum RouteAccess
{
    /// <summary>Provider webhooks: no API key; the service checks the provider's signature over the raw body.</summary>
    Provider,

    /// <summary>Any valid key: the operator's or a tenant's (the service narrows what a tenant sees).</summary>
    AnyCaller,

    /// <summary>Routes naming a tenant in their path (<c>{tenantId}</c>): the operator, or that tenant's own key.</summary>
    TenantInPath,

    /// <summary>Routes that act for the caller's tenant (sent on as <c>X-Tenant-ID</c>): an active tenant's key.</summary>
    Tenant,

    /// <summary>Operator key only.</summary>
    Operator,
}

/// <summary>One public route: a YARP path pattern, the service it goes to, who may call it and what the gateway adds.</summary>
/// <param name="ForwardApiKey">Send the caller's key on as <c>X-Api-Key</c> (the tenant service authorises by it itself).</param>
/// <param name="ForwardTenantId">Send the caller's tenant as <c>X-Tenant-ID</c>, replacing whatever the client sent.</param>
/// <param name="Upload">A file upload: bodies up to <see cref="GatewayOptions.MaxUploadBodyBytes"/> instead of <see cref="GatewayOptions.MaxRequestBodyBytes"/>.</param>
public sealed record GatewayRoute(
    string Id,
    string Path,
    string Service,
    RouteAccess Access,
    bool ForwardApiKey = false,
    bool ForwardTenantId = false,
    string[]? Methods = null,
    bool Upload = false)
{
    /// <summary>Whether an OpenAPI path of <see cref="Service"/> is reachable through this route.</summary>
    public bool Covers(string path)
    {
        var brace = Path.IndexOf('{', StringComparison.Ordinal);
        var literal = brace < 0 ? Path : Path[..brace];
        return path.Equals(literal.TrimEnd('/'), StringComparison.OrdinalIgnoreCase)
            || (literal.EndsWith('/') && path.StartsWith(literal, StringComparison.OrdinalIgnoreCase));
    }
}
