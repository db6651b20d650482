using System.Net;
using WhatsAppGenesys.AlertService.Notifications;
using WhatsAppGenesys.AlertService.Rules;
using WhatsAppGenesys.Contracts.Alerts;
using WhatsAppGenesys.Contracts.Operations;

namespace WhatsAppGenesys.UnitTests.Alerting;

/// <summary>How the rules read the signals: time buckets, send outcomes per tenant, parked messages' tenants, and which webhook addresses a tenant may use.</summary>
public sealed class AlertSignalTests
{
    [Fact]
    public void BucketsCoverTheWindowInTenSecondSteps()
    {
        var now = new DateTimeOffset(2026, 12, 4, 18, 30, 45, TimeSpan.Zero);

        var keys = OperationalSignals.Buckets(now, TimeSpan.FromSeconds(20)).Select(at => OperationalSignals.SignatureFailures("whatsapp", at)).ToList();

        Assert.Equal(["signals:webhook-signature-failures:whatsapp:2026120418304", "signals:webhook-signature-failures:whatsapp:2026120418303"], keys);
        Assert.Equal(60, OperationalSignals.Buckets(now, TimeSpan.FromMinutes(10)).Count());
    }

    [Fact]
    public void SendOutcomesAreGatheredPerTenant()
    {
        var rates = SendErrorRateRule.Rates(new Dictionary<string, long>
        {
            ["acme:ok"] = 8, ["acme:failed"] = 2, ["globex:ok"] = 5, ["broken-field"] = 3,
        }).ToDictionary(r => r.TenantId);

        Assert.Equal((2L, 10L), (rates["acme"].Failed, rates["acme"].Total));
        Assert.Equal((0L, 5L), (rates["globex"].Failed, rates["globex"].Total));
        Assert.Equal(2, rates.Count);
    }

    [Theory]
    [InlineData("acme:15551234567", "acme")]
    [InlineData("acme:template:name", "acme")]
    [InlineData("no-tenant", AlertTenants.Platform)]
    [InlineData("", AlertTenants.Platform)]
    public void AParkedMessageBelongsToTheTenantOfItsOrderingKey(string orderingKey, string tenant) =>
        Assert.Equal(tenant, ParkedMessagesRule.TenantOf(orderingKey));

    [Theory]
    [InlineData("93.184.215.14", true)]
    [InlineData("2606:2800:21f:cb07:6820:80da:af6b:8b2c", true)]
    [InlineData("127.0.0.1", false)]
    [InlineData("10.1.2.3", false)]
    [InlineData("172.20.0.1", false)]
    [InlineData("192.168.1.1", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("100.64.0.1", false)]
    [InlineData("::1", false)]
    [InlineData("fd00::1", false)]
    [InlineData("fe80::1", false)]
    [InlineData("::ffff:127.0.0.1", false)]
    public void TenantsWebhooksReachPublicAddressesOnly(string address, bool isPublic) =>
        Assert.Equal(isPublic, PublicAddresses.IsPublic(IPAddress.Parse(address)));

    [Fact]
    public void AnAlertEmailNamesWhatHappenedToWhomAndNoMore()
    {
        var alert = new AlertResponse(Guid.NewGuid(), AlertRules.TokenFailing, "acme", "genesys", AlertSeverity.Critical, AlertStates.Resolved,
            "Genesys Cloud token failing", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddMinutes(5));

        using var mail = EmailChannel.Compose("alerts@example.com", "ops@example.com", new AlertNotification(AlertEvents.Resolved, Guid.NewGuid(), DateTimeOffset.UnixEpoch, alert));

        Assert.Equal("[critical] Resolved: token-failing — acme — genesys", mail.Subject);
        Assert.Equal(alert.Id.ToString(), mail.Headers["X-Alert-Id"]);
        Assert.Contains("Genesys Cloud token failing", mail.TextBody, StringComparison.Ordinal);
    }
}
