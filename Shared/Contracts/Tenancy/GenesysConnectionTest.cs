namespace WhatsAppGenesys.Contracts.Tenancy;

// "Test connection" for a Genesys OAuth client before it is saved: POST /api/admin/genesys/connection-test (operator).

public sealed record GenesysConnectionTestRequest(string? RegionDomain, string? ClientId, string? ClientSecret, string? IntegrationId)
{
    public override string ToString() => $"GenesysConnectionTestRequest {{ RegionDomain = {RegionDomain}, ClientId = {ClientId}, IntegrationId = {IntegrationId} }}";
}

/// <param name="FailedStep">Where it stopped: <c>region</c>, <c>credentials</c> or <c>integration</c>; null when it succeeded.</param>
/// <param name="Message">What happened, in words an operator can act on. Never contains the secret.</param>
/// <param name="IntegrationName">The integration's name as Genesys has it, when it was found.</param>
public sealed record GenesysConnectionTestResult(bool Succeeded, string? FailedStep, string Message, string? IntegrationName = null);
