using System.Collections.Concurrent;
using System.Net.Http.Json;
using Microsoft.Extensions.Options;
using WhatsAppGenesys.Contracts.Security;
using WhatsAppGenesys.Contracts.Tenancy;

namespace WhatsAppGenesys.Clients.Tenancy;

/// <summary>
/// The secrets a webhook service needs to check signatures (a tenant's Meta app secret, its Genesys webhook secret,
/// its RCS webhook client token),
/// fetched from the tenant service's internal credentials endpoint and held in memory as <see cref="Secret"/>s
/// until the tenant changes. Verifying every webhook must not cost a network call.
/// </summary>
public sealed class WebhookSecrets(IHttpClientFactory httpClientFactory, IOptions<TenantDirectoryOptions> options)
    : ITenantInvalidationObserver
{
    private readonly ConcurrentDictionary<string, Task<Secret?>> _secrets = new(StringComparer.Ordinal);

    public Task<Secret?> GetMetaAppSecretAsync(string tenantId) =>
        Get($"meta:{tenantId}", tenantId, "whatsapp", static (WhatsAppCredentials c) => c.AppSecret);

    public Task<Secret?> GetGenesysWebhookSecretAsync(string tenantId) =>
        Get($"genesys:{tenantId}", tenantId, "genesys", static (GenesysCredentials c) => c.WebhookSecret);

    public Task<Secret?> GetRcsWebhookTokenAsync(string tenantId) =>
        Get($"rcs:{tenantId}", tenantId, "rcs", static (RcsCredentials c) => c.WebhookToken);

    public void OnTenantInvalidated(TenantInvalidation invalidation)
    {
        _secrets.TryRemove($"rcs:{invalidation.TenantId}", out _);
        _secrets.TryRemove($"meta:{invalidation.TenantId}", out _);
        _secrets.TryRemove($"genesys:{invalidation.TenantId}", out _);
    }

    public void OnInvalidationFeedInterrupted() => _secrets.Clear();

    private async Task<Secret?> Get<TCredentials>(string key, string tenantId, string kind, Func<TCredentials, string?> select)
    {
        var task = _secrets.GetOrAdd(key, _ => FetchAsync(tenantId, kind, select));
        try
        {
            return await task;
        }
        catch
        {
            // Do not remember a failure: the next webhook asks again.
            _secrets.TryRemove(new KeyValuePair<string, Task<Secret?>>(key, task));
            throw;
        }
    }

    private async Task<Secret?> FetchAsync<TCredentials>(string tenantId, string kind, Func<TCredentials, string?> select)
    {
        var http = httpClientFactory.CreateClient(TenantDirectory.HttpClientName);
        var credentials = await http.GetFromJsonAsync<TCredentials>(
            new Uri(options.Value.BaseAddress, $"internal/tenants/{Uri.EscapeDataString(tenantId)}/credentials/{kind}"));
        return credentials is not null && select(credentials) is { Length: > 0 } value ? new Secret(value) : null;
    }
}
