using WhatsAppGenesys.Contracts.Tenancy;

namespace WhatsAppGenesys.AdminDashboard.SystemApi;

/// <summary>"Test connection": the client-credentials exchange and the integration read back, done by the system.</summary>
public sealed class GenesysConnectionClient(GatewayClient gateway)
{
    public async Task<GenesysConnectionTestResult> TestAsync(GenesysConnectionTestRequest request, CancellationToken ct)
    {
        try
        {
            return await gateway.PostAsync<GenesysConnectionTestResult>("/api/admin/genesys/connection-test", request, ct);
        }
        catch (GatewayException ex)
        {
            return new GenesysConnectionTestResult(false, null, ex.Message);
        }
    }
}
