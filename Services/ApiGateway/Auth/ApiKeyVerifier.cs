using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using WhatsAppGenesys.Clients.Tenancy;
using WhatsAppGenesys.Contracts;
using WhatsAppGenesys.Contracts.Tenancy;

namespace WhatsAppGenesys.ApiGateway.Auth;

/// <summary>The tenant service could not say whether a key is valid (down, timing out, 5xx).</summary>
public sealed class ApiKeyVerificationUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Asks the tenant service which tenant a key belongs to (<c>POST /internal/api-keys/verify</c>) and remembers the
/// answer for a few seconds, so a busy client costs one lookup per TTL rather than one per request. The TTL is the
/// bound on how late a revocation is noticed; a tenant change (deactivation) drops that tenant's entries at once.
/// Entries are keyed by the key's SHA-256, so the cache never holds a usable key.
/// </summary>
public sealed class ApiKeyVerifier(
    IHttpClientFactory httpClientFactory,
    IOptionsMonitor<GatewayOptions> options,
    TimeProvider clock,
    ILogger<ApiKeyVerifier> logger) : ITenantInvalidationObserver
{
    public const string HttpClientName = "api-key-verification";
    public static readonly Uri TenantServiceAddress = new($"http://{ServiceNames.TenantService}");
    private const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, Entry> _cache = new(StringComparer.Ordinal);
    private long _generation;

    /// <summary>The key's tenant, or null when the key is unknown or revoked.</summary>
    public async Task<VerifyApiKeyResponse?> VerifyAsync(string apiKey, CancellationToken cancellationToken)
    {
        if (apiKey.Length > 200)
        {
            return null;
        }
        var cacheKey = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(apiKey)));
        var now = clock.GetUtcNow();
        if (_cache.TryGetValue(cacheKey, out var cached) && cached.ExpiresAt > now)
        {
            return cached.Identity;
        }

        var generation = Interlocked.Read(ref _generation);
        var identity = await AskTenantServiceAsync(apiKey, cancellationToken);
        // An invalidation that arrived while we asked may concern this very answer: use it, but do not keep it.
        if (Interlocked.Read(ref _generation) == generation)
        {
            var settings = options.CurrentValue;
            _cache[cacheKey] = new Entry(identity, now + (identity is null ? settings.UnknownApiKeyCacheTtl : settings.ApiKeyCacheTtl));
            Trim(now);
        }
        return identity;
    }

    public void OnTenantInvalidated(TenantInvalidation invalidation)
    {
        Interlocked.Increment(ref _generation);
        foreach (var (key, entry) in _cache)
        {
            if (entry.Identity?.TenantId == invalidation.TenantId)
            {
                _cache.TryRemove(key, out _);
            }
        }
    }

    public void OnInvalidationFeedInterrupted()
    {
        Interlocked.Increment(ref _generation);
        _cache.Clear();
    }

    // Two attempts: a connection that fails (a replica going away behind the tenant service's address) costs no request.
    private async Task<VerifyApiKeyResponse?> AskTenantServiceAsync(string apiKey, CancellationToken cancellationToken)
    {
        try
        {
            return await AskOnceAsync(apiKey, cancellationToken);
        }
        catch (ApiKeyVerificationUnavailableException)
        {
            return await AskOnceAsync(apiKey, cancellationToken);
        }
    }

    private async Task<VerifyApiKeyResponse?> AskOnceAsync(string apiKey, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await httpClientFactory.CreateClient(HttpClientName)
                .PostAsJsonAsync("/internal/api-keys/verify", new VerifyApiKeyRequest(apiKey), cancellationToken);
            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                return null;
            }
            if (!response.IsSuccessStatusCode)
            {
                throw new ApiKeyVerificationUnavailableException($"The tenant service answered {(int)response.StatusCode} to a key verification.");
            }
            return await response.Content.ReadFromJsonAsync<VerifyApiKeyResponse>(cancellationToken)
                ?? throw new ApiKeyVerificationUnavailableException("The tenant service answered a key verification with an empty body.");
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            logger.LogWarning("API key verification failed: {Reason}", ex.Message);
            throw new ApiKeyVerificationUnavailableException("The tenant service could not be reached to verify the API key.", ex);
        }
    }

    // Keys are attacker-chosen, so the cache must not grow without bound: drop expired entries, then everything.
    private void Trim(DateTimeOffset now)
    {
        if (_cache.Count <= MaxEntries)
        {
            return;
        }
        foreach (var (key, entry) in _cache)
        {
            if (entry.ExpiresAt <= now)
            {
                _cache.TryRemove(key, out _);
            }
        }
        if (_cache.Count > MaxEntries)
        {
            _cache.Clear();
        }
    }

    private sealed record Entry(VerifyApiKeyResponse? Identity, DateTimeOffset ExpiresAt);
}
