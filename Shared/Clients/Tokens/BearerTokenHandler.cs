using Microsoft.Extensions.Logging;

namespace WhatsAppGenesys.Clients.Tokens;

/// <summary>
/// Puts the tenant's bearer token on every request of a provider HttpClient; when the provider rejects it, drops
/// the token, regenerates it and retries the request once. The tenant comes from <see cref="TenantRequestOptions"/>.
/// </summary>
public sealed class BearerTokenHandler(AccessTokenProvider tokens, ILogger<BearerTokenHandler> logger) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var tenantId = request.GetTenantId() ?? throw new InvalidOperationException(
            "The request has no tenant: call request.ForTenant(tenantId) before sending it through a provider client.");
        if (request.Content is not null)
        {
            // Buffered so the same request can be sent a second time.
            await request.Content.LoadIntoBufferAsync(cancellationToken);
        }

        var token = await tokens.GetTokenAsync(tenantId, cancellationToken);
        request.Headers.Authorization = new("Bearer", token);
        var response = await base.SendAsync(request, cancellationToken);
        if (!tokens.IsTokenRejection(response.StatusCode))
        {
            return response;
        }

        logger.LogInformation("Provider answered {Status} for tenant {TenantId}; regenerating the token and retrying once",
            (int)response.StatusCode, tenantId);
        response.Dispose();
        await tokens.InvalidateAsync(tenantId, token, cancellationToken);
        request.Headers.Authorization = new("Bearer", await tokens.GetTokenAsync(tenantId, cancellationToken));
        return await base.SendAsync(request, cancellationToken);
    }
}

/// <summary>Which tenant a provider request is made for.</summary>
public static class TenantRequestOptions
{
    private static readonly HttpRequestOptionsKey<string> TenantKey = new("WhatsAppGenesys.TenantId");

    public static HttpRequestMessage ForTenant(this HttpRequestMessage request, string tenantId)
    {
        request.Options.Set(TenantKey, tenantId);
        return request;
    }

    public static string? GetTenantId(this HttpRequestMessage request) =>
        request.Options.TryGetValue(TenantKey, out var tenantId) ? tenantId : null;
}
