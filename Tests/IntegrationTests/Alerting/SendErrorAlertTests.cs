using WhatsAppGenesys.Contracts.Alerts;
using WhatsAppGenesys.Contracts.Operations;
using WhatsAppGenesys.IntegrationTests.Gateway;
using WhatsAppGenesys.IntegrationTests.Inbound;
using WhatsAppGenesys.IntegrationTests.Outbound;
using WhatsAppGenesys.IntegrationTests.Portal;

namespace WhatsAppGenesys.IntegrationTests.Alerting;

/// <summary>
/// Meta refusing a tenant's sends: once a fifth of at least ten sends in the window failed, the tenant has one
/// critical <c>send-error-rate</c> alert about WhatsApp, which resolves once the failures have left the window. The
/// tenant is the test's own: the rate is over all of a tenant's sends, and other tests' sends (or their injected
/// faults) for a shared tenant would move it.
/// </summary>
public sealed class SendErrorAlertTests(AppFixture fixture)
{
    private readonly AgentDesk _desk = new(fixture);

    [Fact]
    public async Task MetaRefusingATenantsSendsOpensOneSendErrorAlertThatResolvesOnceTheyPass()
    {
        var ct = TestContext.Current.CancellationToken;
        using var tenant = await TemplateTenant.CreateAsync(fixture, ct, withGenesys: true);
        var customer = Sandboxes.NewCustomer();
        var conversation = await _desk.CustomerOpensConversationAsync(customer,
            new { type = "text", text = "Hello, can someone help me?", phoneNumberId = tenant.PhoneNumberId });
        // 131009 is not worth retrying: each refused message is one failed send, reported to the agent at once.
        var fault = await _desk.InjectMetaFaultAsync(new { path = "/v*/*/messages", method = "POST", errorCode = 131009, to = customer });
        using var operatorApi = new GatewayHarness(fixture).Operator();
        AlertResponse opened;
        try
        {
            for (var i = 0; i < 12; i++)
            {
                await _desk.AgentSendsAsync(conversation, new { text = $"refused {i}" });
            }
            opened = await AlertQueries.WaitForAsync(operatorApi, Path(tenant, "open"), IsAboutWhatsApp, ct);
        }
        finally
        {
            await _desk.RemoveMetaFaultAsync(fault);
        }
        Assert.Equal(AlertSeverity.Critical, opened.Severity);
        // The alert opens at the first evaluation that sees ten sends or more, which may come before the last two
        // failed: every send it counted had failed.
        Assert.Matches(@"^(1[0-2]) of \1 sends to WhatsApp", opened.Summary);
        Assert.Single(await AlertQueries.ListAsync(operatorApi, Path(tenant, "open"), ct), a => a.Rule == AlertRules.SendErrorRate);

        // Meta accepts again; once the refusals are older than the window, the same alert resolves.
        await AlertQueries.WaitForAsync(operatorApi, Path(tenant, "resolved"), a => a.Id == opened.Id, ct);
    }

    private static bool IsAboutWhatsApp(AlertResponse alert) => alert.Rule == AlertRules.SendErrorRate && alert.Subject == ProviderKeys.WhatsApp;

    private static string Path(TemplateTenant tenant, string state) => $"/admin/alerts?state={state}&tenantId={tenant.TenantId}";
}
