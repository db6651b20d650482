using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using WhatsAppGenesys.AuthService.Tokens;
using WhatsAppGenesys.Contracts.Tenancy;

namespace WhatsAppGenesys.AuthService.ConnectionTest;

/// <summary>
/// Tries a Genesys OAuth client before anyone saves it: the client-credentials exchange at the region's login host,
/// then <c>GET /api/v2/conversations/messaging/integrations/openmessaging/{id}</c> with the token, which proves the
/// client's organization has that Open Messaging integration. Nothing is stored or cached.
/// </summary>
public sealed class GenesysConnectionTest(GenesysLogin login, IHttpClientFactory httpClientFactory, ILogger<GenesysConnectionTest> logger)
{
    public async Task<GenesysConnectionTestResult> RunAsync(GenesysClient client, string integrationId, CancellationToken ct)
    {
        if (!GenesysRegions.IsAllowedDomain(client.RegionDomain))
        {
            return Failed("region", "Choose a Genesys region from the list.");
        }

        GenesysAccessToken token;
        try
        {
            token = await login.ExchangeAsync(client, tenantId: null, ct);
        }
        catch (TokenFailureException failure)
        {
            // A client of another region is unknown at this region's login host: the same answer as a wrong secret.
            return Failed("credentials", failure.Status == StatusCodes.Status502BadGateway
                ? $"{failure.Message} Also check that the region is the one the Genesys organization is in."
                : failure.Message);
        }

        var path = $"/api/v2/conversations/messaging/integrations/openmessaging/{Uri.EscapeDataString(integrationId)}";
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(login.ApiBaseUri(client.RegionDomain), path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.AccessToken);
        try
        {
            using var response = await httpClientFactory.CreateClient(GenesysLogin.HttpClientName).SendAsync(request, ct);
            if (response.IsSuccessStatusCode)
            {
                var integration = await response.Content.ReadFromJsonAsync<OpenMessagingIntegration>(ct);
                logger.LogInformation("Genesys connection test succeeded for client {ClientId}", client.ClientId);
                return new GenesysConnectionTestResult(true, null,
                    $"Signed in to Genesys and found the Open Messaging integration \"{integration?.Name}\".", integration?.Name);
            }
            return response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden or HttpStatusCode.BadRequest
                ? Failed("integration", $"Signed in to Genesys, but its organization has no Open Messaging integration {integrationId}. " +
                    "Copy the id from Admin > Message > Platforms in Genesys Cloud.")
                : Failed("integration", $"Signed in to Genesys, but reading the integration failed: Genesys answered {(int)response.StatusCode}.");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return Failed("integration", $"Signed in to Genesys, but its API host did not answer ({ex.GetType().Name}).");
        }
    }

    private static GenesysConnectionTestResult Failed(string step, string message) => new(false, step, message);

    private sealed record OpenMessagingIntegration(
        [property: JsonPropertyName("id")] string? Id,
        [property: JsonPropertyName("name")] string? Name);
}
