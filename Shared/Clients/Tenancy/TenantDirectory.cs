using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WhatsAppGenesys.Contracts.Tenancy;

namespace WhatsAppGenesys.Clients.Tenancy;

/// <summary>Which tenant a message belongs to, answered from memory on the hot path.</summary>
public interface ITenantDirectory
{
    /// <summary>The tenant, or null if there is none. Check <see cref="TenantResolution.IsActive"/> before serving it.</summary>
    ValueTask<TenantResolution?> FindByIdAsync(string tenantId, CancellationToken cancellationToken = default);

    /// <summary>The tenant owning a WhatsApp phone number id (Meta webhooks carry it in metadata.phone_number_id).</summary>
    ValueTask<TenantResolution?> FindByPhoneNumberIdAsync(string phoneNumberId, CancellationToken cancellationToken = default);

    /// <summary>The tenant owning a Genesys Open Messaging integration id.</summary>
    ValueTask<TenantResolution?> FindByIntegrationIdAsync(string integrationId, CancellationToken cancellationToken = default);

    /// <summary>The tenant owning an RCS (RBM) agent id, the bare id (RBM's webhooks write it with <c>@rbm.goog</c>).</summary>
    ValueTask<TenantResolution?> FindByRcsAgentIdAsync(string agentId, CancellationToken cancellationToken = default);
}

/// <summary>
/// Resolves tenants through the tenant service's internal endpoints and keeps the answers in process: a hit is a
/// dictionary lookup (no I/O, no allocation). Entries are dropped the moment the tenant service publishes an
/// invalidation; TTLs only bound staleness if a message is lost. Concurrent misses for the same key share one call.
/// </summary>
public sealed class TenantDirectory(
    IHttpClientFactory httpClientFactory,
    IOptions<TenantDirectoryOptions> options,
    TimeProvider time,
    ILogger<TenantDirectory> logger) : ITenantDirectory, ITenantInvalidationObserver
{
    public const string HttpClientName = "tenant-directory";

    // One map per kind of identifier, keyed by the identifier itself, so a hit builds no key string.
    private readonly ConcurrentDictionary<string, Entry> _byId = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Entry> _byPhoneNumberId = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Entry> _byIntegrationId = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Entry> _byRcsAgentId = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<TenantResolution?>>> _inflight = new(StringComparer.Ordinal);
    private readonly TenantDirectoryOptions _options = options.Value;
    private long _generation;

    public ValueTask<TenantResolution?> FindByIdAsync(string tenantId, CancellationToken cancellationToken = default) =>
        TenantIds.IsValid(tenantId)
            ? FindAsync(_byId, tenantId, "internal/tenants/", cancellationToken)
            : ValueTask.FromResult<TenantResolution?>(null);

    public ValueTask<TenantResolution?> FindByPhoneNumberIdAsync(string phoneNumberId, CancellationToken cancellationToken = default) =>
        FindAsync(_byPhoneNumberId, phoneNumberId, "internal/tenants/by-phone-number/", cancellationToken);

    public ValueTask<TenantResolution?> FindByIntegrationIdAsync(string integrationId, CancellationToken cancellationToken = default) =>
        FindAsync(_byIntegrationId, integrationId, "internal/tenants/by-integration/", cancellationToken);

    public ValueTask<TenantResolution?> FindByRcsAgentIdAsync(string agentId, CancellationToken cancellationToken = default) =>
        FindAsync(_byRcsAgentId, agentId, "internal/tenants/by-rcs-agent/", cancellationToken);

    public void OnTenantInvalidated(TenantInvalidation invalidation)
    {
        // Bump first: a lookup already in flight must not cache what it read before this change.
        Interlocked.Increment(ref _generation);
        _byId.TryRemove(invalidation.TenantId, out _);
        foreach (var phoneNumberId in invalidation.PhoneNumberIds)
        {
            _byPhoneNumberId.TryRemove(phoneNumberId, out _);
        }
        foreach (var integrationId in invalidation.IntegrationIds)
        {
            _byIntegrationId.TryRemove(integrationId, out _);
        }
        // The invalidation names no agent ids: an agent moved to this tenant is found again once its negative entry expires.
        foreach (var map in new[] { _byId, _byPhoneNumberId, _byIntegrationId, _byRcsAgentId })
        {
            foreach (var (key, entry) in map)
            {
                if (entry.Value?.TenantId == invalidation.TenantId)
                {
                    map.TryRemove(key, out _);
                }
            }
        }
    }

    public void OnInvalidationFeedInterrupted()
    {
        Interlocked.Increment(ref _generation);
        _byId.Clear();
        _byPhoneNumberId.Clear();
        _byIntegrationId.Clear();
        _byRcsAgentId.Clear();
    }

    private ValueTask<TenantResolution?> FindAsync(
        ConcurrentDictionary<string, Entry> map, string identifier, string route, CancellationToken cancellationToken)
    {
        if (map.TryGetValue(identifier, out var entry) && time.GetTimestamp() < entry.ExpiresAt)
        {
            return ValueTask.FromResult(entry.Value);
        }
        return new ValueTask<TenantResolution?>(LoadAsync(map, identifier, route, cancellationToken));
    }

    private async Task<TenantResolution?> LoadAsync(
        ConcurrentDictionary<string, Entry> map, string identifier, string route, CancellationToken cancellationToken)
    {
        var path = route + Uri.EscapeDataString(identifier);
        var load = _inflight.GetOrAdd(path, p => new Lazy<Task<TenantResolution?>>(() => FetchAsync(map, identifier, p)));
        return await load.Value.WaitAsync(cancellationToken);
    }

    // Shared by every waiter, so it runs to completion regardless of any one caller's cancellation.
    private async Task<TenantResolution?> FetchAsync(ConcurrentDictionary<string, Entry> map, string identifier, string path)
    {
        var generation = Interlocked.Read(ref _generation);
        try
        {
            var http = httpClientFactory.CreateClient(HttpClientName);
            using var response = await http.GetAsync(new Uri(_options.BaseAddress, path));
            TenantResolution? resolution;
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                resolution = null;
            }
            else if (response.IsSuccessStatusCode)
            {
                resolution = await response.Content.ReadFromJsonAsync<TenantResolution>();
            }
            else
            {
                throw new TenantDirectoryUnavailableException($"The tenant service answered {(int)response.StatusCode} resolving {path}.");
            }

            if (Interlocked.Read(ref _generation) == generation)
            {
                var ttl = resolution is null ? _options.NegativeTtl : _options.PositiveTtl;
                map[identifier] = new Entry(resolution, time.GetTimestamp() + (long)(ttl.TotalSeconds * time.TimestampFrequency));
            }
            return resolution;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or Polly.Timeout.TimeoutRejectedException)
        {
            logger.LogWarning("Tenant service unreachable resolving {Path}: {Reason}", path, ex.Message);
            throw new TenantDirectoryUnavailableException($"The tenant service is unreachable resolving {path}.", ex);
        }
        finally
        {
            _inflight.TryRemove(path, out _);
        }
    }

    private sealed record Entry(TenantResolution? Value, long ExpiresAt);
}

/// <summary>The tenant could not be resolved because the tenant service failed; retry later (not "unknown tenant").</summary>
public sealed class TenantDirectoryUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
