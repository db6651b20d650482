using System.Net.Http.Json;
using Microsoft.Extensions.Options;
using WhatsAppGenesys.Contracts.Tenancy;

namespace WhatsAppGenesys.Clients.Tenancy;

/// <summary>
/// The tenants configured with a WhatsApp Business Account id, asked of the tenant service each time. Only Meta's
/// account-level webhooks (template statuses) need it, and they carry the WABA id alone, no phone number id.
/// </summary>
public sealed class WabaTenants(IHttpClientFactory httpClientFactory, IOptions<TenantDirectoryOptions> options)
{
    /// <exception cref="TenantDirectoryUnavailableException">The tenant service did not answer.</exception>
    public async Task<IReadOnlyList<TenantResolution>> FindAsync(string wabaId, CancellationToken ct)
    {
        var http = httpClientFactory.CreateClient(TenantDirectory.HttpClientName);
        try
        {
            return await http.GetFromJsonAsync<List<TenantResolution>>(
                new Uri(options.Value.BaseAddress, $"internal/tenants/by-waba/{Uri.EscapeDataString(wabaId)}"), ct) ?? [];
        }
        catch (Exception ex) when (ex is HttpRequestException or Polly.Timeout.TimeoutRejectedException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            throw new TenantDirectoryUnavailableException($"The tenant service is unreachable resolving WABA {wabaId}.", ex);
        }
    }
}
