using WhatsAppGenesys.AuthService.Tokens;
using WhatsAppGenesys.Contracts.Tenancy;

namespace WhatsAppGenesys.AuthService.ConnectionTest;

/// <summary>"Test connection" for the onboarding wizard. Public only through the gateway's operator route.</summary>
public static class ConnectionTestApi
{
    public static IEndpointRouteBuilder MapConnectionTestApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/admin/genesys/connection-test", TestAsync).WithTags("Admin")
            .WithSummary("Try a Genesys OAuth client and Open Messaging integration before saving them (operator only)")
            .Produces<GenesysConnectionTestResult>().ProducesValidationProblem();
        return app;
    }

    private static async Task<IResult> TestAsync(GenesysConnectionTestRequest request, GenesysConnectionTest test, CancellationToken ct)
    {
        var missing = new Dictionary<string, string[]>();
        Require(request.RegionDomain, "regionDomain", "The region is required.");
        Require(request.ClientId, "clientId", "The OAuth client id is required.");
        Require(request.ClientSecret, "clientSecret", "The OAuth client secret is required.");
        Require(request.IntegrationId, "integrationId", "The Open Messaging integration id is required.");
        if (missing.Count > 0)
        {
            return TypedResults.ValidationProblem(missing);
        }

        var client = new GenesysClient(request.RegionDomain!.Trim(), request.ClientId!.Trim(), request.ClientSecret!);
        return TypedResults.Ok(await test.RunAsync(client, request.IntegrationId!.Trim(), ct));

        void Require(string? value, string field, string message)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                missing[field] = [message];
            }
        }
    }
}
