using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WhatsAppGenesys.Clients.Tenancy;
using WhatsAppGenesys.Contracts.Tenancy;

namespace WhatsAppGenesys.Clients.Tokens;

/// <summary>
/// The shared token manager, written once: a tenant's token from memory while it is fresh, else from the auth
/// service (which holds the shared Redis copy and does the provider exchange without stampeding); after the
/// provider rejects a token, <see cref="InvalidateAsync"/> drops it here and at the auth service, and the next
/// call regenerates. Neither provider grant issues a refresh token, so "refresh" is simply "ask the auth service".
/// </summary>
public abstract class AccessTokenProvider(
    IHttpClientFactory httpClientFactory,
    Uri authServiceBase,
    TimeProvider time,
    ILogger logger) : ITenantInvalidationObserver
{
    public const string HttpClientName = "auth-service";

    private readonly ConcurrentDictionary<string, CachedToken> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<CachedToken>>> _inflight = new(StringComparer.Ordinal);

    /// <summary>Which provider the tokens are for, for messages ("Genesys", "WhatsApp").</summary>
    protected abstract string Provider { get; }

    /// <summary>Auth service path serving the token, e.g. <c>auth/token</c>.</summary>
    protected abstract string TokenPath { get; }

    /// <summary>Auth service path that drops the shared copy, e.g. <c>auth/token/invalidate</c>.</summary>
    protected abstract string InvalidatePath { get; }

    /// <summary>Provider answers that mean "this token is no good": invalidate, regenerate, retry once.</summary>
    public abstract bool IsTokenRejection(HttpStatusCode status);

    public async ValueTask<string> GetTokenAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        if (_tokens.TryGetValue(tenantId, out var cached) && time.GetUtcNow() < cached.RefreshAt)
        {
            return cached.AccessToken;
        }
        var fetch = _inflight.GetOrAdd(tenantId, id => new Lazy<Task<CachedToken>>(() => FetchAsync(id)));
        return (await fetch.Value.WaitAsync(cancellationToken)).AccessToken;
    }

    /// <summary>
    /// The provider rejected <paramref name="rejectedToken"/>. Drops it here and at the auth service; a token
    /// someone else has already replaced it with is kept, so a burst of rejections causes one regeneration.
    /// </summary>
    public async Task InvalidateAsync(string tenantId, string? rejectedToken, CancellationToken cancellationToken = default)
    {
        if (_tokens.TryGetValue(tenantId, out var cached) && (rejectedToken is null || cached.AccessToken == rejectedToken))
        {
            _tokens.TryRemove(new KeyValuePair<string, CachedToken>(tenantId, cached));
        }
        var http = httpClientFactory.CreateClient(HttpClientName);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(authServiceBase, InvalidatePath))
        {
            Content = JsonContent.Create(new InvalidateTokenRequest(rejectedToken)),
        };
        request.Headers.Add(TenancyHeaders.TenantId, tenantId);
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            logger.LogWarning("Auth service answered {Status} invalidating the {Provider} token of tenant {TenantId}",
                (int)response.StatusCode, Provider, tenantId);
        }
    }

    public void OnTenantInvalidated(TenantInvalidation invalidation) => _tokens.TryRemove(invalidation.TenantId, out _);

    public void OnInvalidationFeedInterrupted() => _tokens.Clear();

    private async Task<CachedToken> FetchAsync(string tenantId)
    {
        try
        {
            var http = httpClientFactory.CreateClient(HttpClientName);
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(authServiceBase, TokenPath));
            request.Headers.Add(TenancyHeaders.TenantId, tenantId);
            using var response = await http.SendAsync(request);
            if (!response.IsSuccessStatusCode)
            {
                // The auth service's problem details say why (bad credentials, region unreachable, tenant inactive)
                // and never contain a secret, so they are safe to pass on.
                var problem = await response.ReadProblemAsync();
                throw new AccessTokenUnavailableException(tenantId, Provider, (int)response.StatusCode,
                    problem?.Detail ?? problem?.Title ?? response.ReasonPhrase ?? "no detail");
            }
            var body = await response.Content.ReadFromJsonAsync<AccessTokenResponse>()
                ?? throw new AccessTokenUnavailableException(tenantId, Provider, (int)response.StatusCode, "empty response");
            var token = new CachedToken(body.AccessToken, TokenLifetime.ClientRefreshAt(time.GetUtcNow(), body.ExpiresAt));
            _tokens[tenantId] = token;
            return token;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or Polly.Timeout.TimeoutRejectedException)
        {
            throw new AccessTokenUnavailableException(tenantId, Provider, 503, "The auth service is unreachable.", ex);
        }
        finally
        {
            _inflight.TryRemove(tenantId, out _);
        }
    }

    private sealed record CachedToken(string AccessToken, DateTimeOffset RefreshAt);
}

/// <summary>No token could be had for the tenant; <see cref="Exception.Message"/> says why and never holds a secret.</summary>
public sealed class AccessTokenUnavailableException(string tenantId, string provider, int statusCode, string reason, Exception? inner = null)
    : Exception($"No {provider} access token for tenant '{tenantId}' ({statusCode}): {reason}", inner)
{
    public string TenantId { get; } = tenantId;

    /// <summary>The auth service's status: 403 tenant deactivated, 404 unknown, 409 not configured, 502 rejected, 503 unreachable.</summary>
    public int StatusCode { get; } = statusCode;
}
