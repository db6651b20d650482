using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using WhatsAppGenesys.AuthService.Tokens;
using WhatsAppGenesys.Contracts.Tenancy;

namespace WhatsAppGenesys.AuthService.Credentials;

/// <summary>
/// Reads a tenant's decrypted secrets from the tenant service's internal credentials endpoint — the only caller of
/// it. Secrets are not cached here: they are needed once per token exchange (about once a day per tenant).
/// </summary>
public sealed class TenantCredentialsClient(HttpClient http)
{
    public Task<GenesysCredentials> GetGenesysAsync(string tenantId, CancellationToken cancellationToken) =>
        GetAsync<GenesysCredentials>(tenantId, "genesys", cancellationToken);

    public Task<WhatsAppCredentials> GetWhatsAppAsync(string tenantId, CancellationToken cancellationToken) =>
        GetAsync<WhatsAppCredentials>(tenantId, "whatsapp", cancellationToken);

    public Task<RcsCredentials> GetRcsAsync(string tenantId, CancellationToken cancellationToken) =>
        GetAsync<RcsCredentials>(tenantId, "rcs", cancellationToken);

    private async Task<T> GetAsync<T>(string tenantId, string provider, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.GetAsync($"internal/tenants/{tenantId}/credentials/{provider}", cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or Polly.Timeout.TimeoutRejectedException)
        {
            throw new TokenFailureException(StatusCodes.Status503ServiceUnavailable, "Tenant service unavailable",
                $"The tenant service could not be reached for the credentials of tenant '{tenantId}'.");
        }

        using (response)
        {
            if (response.IsSuccessStatusCode)
            {
                return await response.Content.ReadFromJsonAsync<T>(cancellationToken)
                    ?? throw new TokenFailureException(StatusCodes.Status502BadGateway, "Tenant service error", "Empty credentials response.");
            }
            var problem = await response.ReadProblemAsync(cancellationToken);
            throw response.StatusCode switch
            {
                HttpStatusCode.NotFound => new TokenFailureException(StatusCodes.Status404NotFound, "Unknown tenant",
                    $"Tenant '{tenantId}' does not exist."),
                HttpStatusCode.Forbidden => new TokenFailureException(StatusCodes.Status403Forbidden, "Tenant deactivated",
                    $"Tenant '{tenantId}' is deactivated; no tokens are issued for it."),
                HttpStatusCode.Conflict => new TokenFailureException(StatusCodes.Status409Conflict, "Not configured",
                    problem?.Detail ?? $"Tenant '{tenantId}' has no {provider} configuration."),
                _ => new TokenFailureException(StatusCodes.Status503ServiceUnavailable, "Tenant service unavailable",
                    $"The tenant service answered {(int)response.StatusCode} for the credentials of tenant '{tenantId}'."),
            };
        }
    }
}
