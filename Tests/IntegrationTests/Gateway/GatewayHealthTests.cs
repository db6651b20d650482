using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WhatsAppGenesys.Contracts;
using WhatsAppGenesys.Contracts.Alerts;
using WhatsAppGenesys.IntegrationTests.Foundation;

namespace WhatsAppGenesys.IntegrationTests.Gateway;

/// <summary>The gateway's /health is the whole system's: one entry per service behind it, and alert-service alerts on it.</summary>
[Collection(typeof(FaultInjectionCollection))]
public sealed class GatewayHealthTests(AppFixture fixture)
{
    private static readonly string[] ServicesBehindTheGateway =
    [
        ServiceNames.TenantService, ServiceNames.AuthService, ServiceNames.StateManager, ServiceNames.WhatsAppApi, ServiceNames.RcsApi, ServiceNames.GenesysApi,
        ServiceNames.WhatsAppWebhook, ServiceNames.GenesysWebhook, ServiceNames.InboundTransformer, ServiceNames.OutboundTransformer,
        ServiceNames.PortalService, ServiceNames.AlertService,
    ];

    private readonly GatewayHarness _gateway = new(fixture);

    [Fact]
    public async Task AggregatedHealthReportsEveryServiceAndTurnsUnhealthyWhileOneIsStopped()
    {
        var ct = TestContext.Current.CancellationToken;
        var (status, report) = await HealthAsync(ct);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.All(ServicesBehindTheGateway, service => Assert.Equal("Healthy", CheckStatus(report, service)));

        await fixture.App.StopResourceAsync(ServiceNames.StateManager, TestContext.Current.CancellationToken);
        AlertResponse? outage = null;
        try
        {
            (status, report) = await WaitForHealthAsync(HttpStatusCode.ServiceUnavailable, ct);
            Assert.Equal("Unhealthy", report.GetProperty("status").GetString());
            Assert.Equal("Unhealthy", CheckStatus(report, ServiceNames.StateManager));
            // A stopped service behind a proxy or load balancer (DCP's here) is either refused or never answers.
            Assert.Contains(report.GetProperty("checks").GetProperty(ServiceNames.StateManager).GetProperty("description").GetString(),
                new[] { "unreachable", "timed out" });
            Assert.All(ServicesBehindTheGateway.Except([ServiceNames.StateManager]), service => Assert.Equal("Healthy", CheckStatus(report, service)));
            // The gateway itself is alive: orchestrators must not restart it because something behind it is down.
            using var alive = await _gateway.Client().GetAsync("/alive", ct);
            Assert.Equal(HttpStatusCode.OK, alive.StatusCode);

            // And alert-service, which reads this report, has a platform alert open for the stopped service.
            outage = await WaitForUnhealthyAlertAsync(state: AlertStates.Open, ct);
            Assert.Equal(AlertSeverity.Critical, outage.Severity);
        }
        finally
        {
            await fixture.App.StartResourceAsync(ServiceNames.StateManager, ct);
        }

        (status, report) = await WaitForHealthAsync(HttpStatusCode.OK, ct);
        Assert.Equal("Healthy", CheckStatus(report, ServiceNames.StateManager));
        // Back: the same alert resolves.
        Assert.Equal(outage!.Id, (await WaitForUnhealthyAlertAsync(AlertStates.Resolved, ct, outage.Id)).Id);
    }

    private async Task<AlertResponse> WaitForUnhealthyAlertAsync(string state, CancellationToken ct, Guid? id = null)
    {
        using var admin = _gateway.Operator();
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var alerts = await admin.GetFromJsonAsync<List<AlertResponse>>($"/admin/alerts?state={state}&tenantId={AlertTenants.Platform}", ct);
            if (alerts!.FirstOrDefault(a => a.Rule == AlertRules.ServiceUnhealthy && a.Subject == ServiceNames.StateManager && (id is null || a.Id == id)) is { } found)
            {
                return found;
            }
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(45), $"No {state} service-unhealthy alert for {ServiceNames.StateManager}");
            await Task.Delay(250, ct);
        }
    }

    private static string? CheckStatus(JsonElement report, string service) =>
        report.GetProperty("checks").GetProperty(service).GetProperty("status").GetString();

    private async Task<(HttpStatusCode Status, JsonElement Report)> HealthAsync(CancellationToken ct)
    {
        using var client = _gateway.Client();
        using var response = await client.GetAsync("/health", ct);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        return (response.StatusCode, document.RootElement.Clone());
    }

    private async Task<(HttpStatusCode Status, JsonElement Report)> WaitForHealthAsync(HttpStatusCode expected, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var (status, report) = await HealthAsync(ct);
            if (status == expected)
            {
                return (status, report);
            }
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(45), $"/health answered {status} for 45 s, expected {expected}: {report}");
            await Task.Delay(250, ct);
        }
    }
}
