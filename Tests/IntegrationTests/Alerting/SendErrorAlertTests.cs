using WhatsAppGenesys.Contracts.Alerts;
using WhatsAppGenesys.Contracts.Operations;
using WhatsAppGenesys.IntegrationTests.Foundation;
using WhatsAppGenesys.IntegrationTests.Gateway;
using WhatsAppGenesys.IntegrationTests.Outbound;

namespace WhatsAppGenesys.IntegrationTests.Alerting;

/// <summary>
/// Meta refusing a tenant's sends: once a fifth of at least ten sends in the window failed, the tenant has one
/// critical <c>send-error-rate</c> alert about WhatsApp, which resolves once the failures have left the window. Runs
/// alone: the rate is over all of the demo tenant's sends, and the parallel tests' successful ones would dilute it.
/// </summary>
[Collection(typeof(FaultInjectionCollection))]
public sealed class SendErrorAlertTests(AppFixture fixture)
{
    private const string DemoTenant = "demo";

    private readonly AgentDesk _desk = new(fixture);

    [Fact]
    public async Task MetaRefusingATenantsSendsOpensOneSendErrorAlertThatResolvesOnceTheyPass()
    {
        var ct = TestContext.Current.CancellationToken;
        var customer = Inbound.Sandboxes.NewCustomer();
        var conversation = await _desk.CustomerOpensConversationAsync(customer);
        // 131009 is not worth retrying: each refused message is one failed send, reported to the agent at once.
        await _desk.InjectMetaFaultAsync(new { path = "/v*/*/messages", method = "POST", errorCode = 131009, to = customer });
        using var operatorApi = new GatewayHarness(fixture).Operator();
        AlertResponse opened;
        try
        {
            for (var i = 0; i < 12; i++)
            {
                await _desk.AgentSendsAsync(conversation, new { text = $"refused {i}" });
            }
            opened = await AlertQueries.WaitForAsync(operatorApi, Path("open"), a => a.Rule == AlertRules.SendErrorRate && a.Subject == ProviderKeys.WhatsApp, ct);
        }
        finally
        {
            await _desk.ClearMetaFaultsAsync();
        }
        Assert.Equal(AlertSeverity.Critical, opened.Severity);
        Assert.Contains("sends to", opened.Summary, StringComparison.Ordinal);
        Assert.Single(await AlertQueries.ListAsync(operatorApi, Path("open"), ct), a => a.Rule == AlertRules.SendErrorRate);

        // Meta accepts again; once the refusals are older than the window, the same alert resolves.
        await AlertQueries.WaitForAsync(operatorApi, Path("resolved"), a => a.Id == opened.Id, ct);
    }

    private static string Path(string state) => $"/admin/alerts?state={state}&tenantId={DemoTenant}";
}
