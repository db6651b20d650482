using System.Net;
using System.Net.Http.Json;
using System.Text;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using WhatsAppGenesys.Contracts;
using WhatsAppGenesys.Contracts.Alerts;
using WhatsAppGenesys.Contracts.Tenancy;
using WhatsAppGenesys.IntegrationTests.Faults;
using WhatsAppGenesys.IntegrationTests.Gateway;
using WhatsAppGenesys.IntegrationTests.Tenancy;
using WhatsAppGenesys.Messaging.Admin;
using WhatsAppGenesys.Messaging.Topology;

namespace WhatsAppGenesys.IntegrationTests.Alerting;

/// <summary>
/// Alerting end to end, through the gateway as tenants and operators use it: conditions made real (webhooks with a
/// wrong signature, credentials Genesys refuses, messages parked and left waiting in RabbitMQ), an alert that opens
/// once while its condition persists, resolves when it clears, reaches a signed webhook of the test's own and a real
/// SMTP server, and is not announced again when it flaps within the notification interval.
/// </summary>
[Collection(typeof(AlertProbeCollection))]
public sealed class AlertingTests(AppFixture fixture)
{
    private static readonly TimeSpan Patience = AlertQueries.Patience;

    private readonly TenancyHarness _tenancy = new(fixture);
    private readonly GatewayHarness _gateway = new(fixture);

    [Fact]
    public async Task SignatureFailuresInBulkOpenOneSignedAlertThatResolvesAndIsNotAnnouncedAgainWhenItFlaps()
    {
        var ct = TestContext.Current.CancellationToken;
        var tenant = await _tenancy.CreateTenantAsync(ct);
        using var tenantApi = _gateway.Client(await _tenancy.CreateApiKeyAsync(tenant.Id, ct));
        await using var receiver = new AlertWebhookReceiver();
        var secret = await SubscribeAsync(tenantApi, new AlertSubscriptionRequest(AlertChannels.Webhook, receiver.Url), ct);
        Assert.NotNull(secret);
        var rule = AlertRules.WebhookSignatureFailures;

        // Meta signs with a secret we no longer have (rotated at Meta): every webhook of the tenant is refused.
        await RefuseWebhooksAsync(tenant, 6, ct);
        var opened = await receiver.WaitForAsync(tenant.Id, rule, AlertEvents.Opened, Patience);
        Assert.Equal(AlertSeverity.Critical, opened.Alert.Severity);
        Assert.Equal("whatsapp", opened.Alert.Subject);
        Assert.Contains("signature", opened.Alert.Summary, StringComparison.Ordinal);

        // It goes on for several evaluations: still one alert, still one notification.
        for (var i = 0; i < 4; i++)
        {
            await Task.Delay(1500, ct);
            await RefuseWebhooksAsync(tenant, 6, ct);
        }
        var open = await AlertQueries.ListAsync(tenantApi, "/api/v1/alerts?state=open", ct);
        Assert.Equal(opened.Alert.Id, Assert.Single(open, a => a.Rule == rule).Id);
        Assert.Single(receiver.About(tenant.Id, rule));

        // The signature is the HMAC-SHA256 of the exact body under the subscription's secret, and nobody else's.
        var delivered = Assert.Single(receiver.Notifications, n => n.Notification.Alert.TenantId == tenant.Id);
        Assert.True(AlertSignature.Verify(delivered.Body, delivered.Signature, secret!));
        Assert.False(AlertSignature.Verify(delivered.Body, delivered.Signature, secret + "x"));

        // The secret fixed, the refusals stop: resolved, the same alert, announced to whoever heard it opened.
        var resolved = await receiver.WaitForAsync(tenant.Id, rule, AlertEvents.Resolved, Patience);
        Assert.Equal(opened.Alert.Id, resolved.Alert.Id);
        Assert.Equal(AlertStates.Resolved, resolved.Alert.State);
        Assert.NotNull(resolved.Alert.ResolvedAt);
        Assert.All(receiver.Notifications.Where(n => n.Notification.Alert.TenantId == tenant.Id),
            n => Assert.True(AlertSignature.Verify(n.Body, n.Signature, secret!)));

        // It flaps: a second alert opens (the history shows it) but within the notification interval nobody is told.
        await RefuseWebhooksAsync(tenant, 6, ct);
        var reopened = await AlertQueries.WaitForAsync(tenantApi, "/api/v1/alerts?state=open", a => a.Rule == rule && a.Id != opened.Alert.Id, ct);
        await Task.Delay(3000, ct);
        Assert.Equal([AlertEvents.Opened, AlertEvents.Resolved], receiver.About(tenant.Id, rule).Select(n => n.Event));

        // The operator sees both; another tenant sees none of them.
        using var operatorApi = _gateway.Operator();
        var history = await AlertQueries.ListAsync(operatorApi, $"/admin/alerts?tenantId={tenant.Id}", ct);
        Assert.Equal([reopened.Id, opened.Alert.Id], history.Where(a => a.Rule == rule).Select(a => a.Id));
        var other = await _tenancy.CreateTenantAsync(ct);
        using var otherApi = _gateway.Client(await _tenancy.CreateApiKeyAsync(other.Id, ct));
        Assert.Empty(await AlertQueries.ListAsync(otherApi, "/api/v1/alerts", ct));
        Assert.Equal(HttpStatusCode.Unauthorized, (await _gateway.Client().GetAsync("/admin/alerts", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await tenantApi.GetAsync("/admin/alerts", ct)).StatusCode);
    }

    [Fact]
    public async Task AWebhookThatIsDownWhenTheAlertOpensIsToldOnceItIsBack()
    {
        var ct = TestContext.Current.CancellationToken;
        var tenant = await _tenancy.CreateTenantAsync(ct);
        using var tenantApi = _gateway.Client(await _tenancy.CreateApiKeyAsync(tenant.Id, ct));
        await using var receiver = new AlertWebhookReceiver();
        await SubscribeAsync(tenantApi, new AlertSubscriptionRequest(AlertChannels.Webhook, receiver.Url), ct);
        // Down for the first notification's three tries and the first of its next attempt's.
        receiver.RefuseNext(4);

        await RefuseWebhooksAsync(tenant, 6, ct);
        var opened = await receiver.WaitForAsync(tenant.Id, AlertRules.WebhookSignatureFailures, AlertEvents.Opened, Patience);
        Assert.Equal(4, receiver.Refused);
        Assert.Single(receiver.About(tenant.Id, AlertRules.WebhookSignatureFailures));
        Assert.Equal(AlertStates.Open, opened.Alert.State);
    }

    [Fact]
    public async Task ATenantWhoseGenesysTokenFailsIsToldByEmailAtARealSmtpServerAndToldAgainWhenItIsOver()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var smtp = await LocalSmtpServer.StartAsync(fixture.SmtpPort, ct);
        var tenant = await _tenancy.CreateTenantAsync(ct, secretAtGenesys: "what-genesys-really-has");
        using var tenantApi = _gateway.Client(await _tenancy.CreateApiKeyAsync(tenant.Id, ct));
        var address = $"ops-{tenant.Id}@example.test";
        Assert.Null(await SubscribeAsync(tenantApi, new AlertSubscriptionRequest(AlertChannels.Email, address), ct));

        using var auth = _tenancy.AuthService();
        using var token = new HttpRequestMessage(HttpMethod.Get, "/auth/token");
        token.Headers.Add(TenancyHeaders.TenantId, tenant.Id);
        Assert.Equal(HttpStatusCode.BadGateway, (await auth.SendAsync(token, ct)).StatusCode);

        bool To(MimeKit.MimeMessage m, string alertEvent) =>
            m.To.Mailboxes.Any(a => a.Address == address) && m.Headers["X-Alert-Event"] == alertEvent;
        var opened = await smtp.WaitForAsync(m => To(m, AlertEvents.Opened), Patience);
        Assert.Contains(AlertRules.TokenFailing, opened.Subject, StringComparison.Ordinal);
        Assert.Contains(tenant.Id, opened.Subject, StringComparison.Ordinal);
        Assert.StartsWith("[critical] Alert:", opened.Subject, StringComparison.Ordinal);
        Assert.Contains("Genesys Cloud token failing", opened.TextBody, StringComparison.Ordinal);
        Assert.All(tenant.Secrets, s => Assert.DoesNotContain(s, opened.TextBody, StringComparison.Ordinal));

        var resolved = await smtp.WaitForAsync(m => To(m, AlertEvents.Resolved), Patience);
        Assert.StartsWith("[critical] Resolved:", resolved.Subject, StringComparison.Ordinal);
        Assert.Equal(opened.Headers["X-Alert-Id"], resolved.Headers["X-Alert-Id"]);
        Assert.Equal(2, smtp.Messages().Count(m => m.To.Mailboxes.Any(a => a.Address == address)));
    }

    [Fact]
    public async Task AParkedMessageAlertsItsTenantAndAStalledQueueThePlatformUntilBothAreGone()
    {
        var ct = TestContext.Current.CancellationToken;
        var pipeline = AppFixture.AlertProbePipeline;
        var tenantId = $"probe-{Guid.NewGuid():N}"[..16];
        var factory = new ConnectionFactory { Uri = new Uri(await fixture.ConnectionStringAsync(ResourceNames.RabbitMQ)) };
        await using var connection = await factory.CreateConnectionAsync(ct);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: ct);
        var parked = new BasicProperties
        {
            MessageId = $"parked-{Guid.NewGuid():N}", Type = "message", Persistent = true,
            Headers = new Dictionary<string, object?>
            {
                [PipelineHeaders.OrderingKey] = Encoding.UTF8.GetBytes($"{tenantId}:15550001111"),
                [PipelineHeaders.Reason] = Encoding.UTF8.GetBytes("Genesys refused the message 10 times"),
            },
        };
        await channel.BasicPublishAsync("", PipelineNames.DeadLetter(pipeline), mandatory: true, parked, "{}"u8.ToArray(), ct);
        await channel.BasicPublishAsync("", PipelineNames.Partition(pipeline, 0), mandatory: true, new BasicProperties { Persistent = true }, "{}"u8.ToArray(), ct);

        using var operatorApi = _gateway.Operator();
        var parkedAlert = await AlertQueries.WaitForAsync(operatorApi, $"/admin/alerts?state=open&tenantId={tenantId}",
            a => a.Rule == AlertRules.ParkedMessages, ct);
        Assert.Equal(PipelineNames.DeadLetter(pipeline), parkedAlert.Subject);
        Assert.Equal(AlertSeverity.Warning, parkedAlert.Severity);
        Assert.Contains("Genesys refused the message 10 times", parkedAlert.Summary, StringComparison.Ordinal);
        var backlog = await AlertQueries.WaitForAsync(operatorApi, $"/admin/alerts?state=open&tenantId={AlertTenants.Platform}",
            a => a.Rule == AlertRules.QueueBacklog && a.Subject == PipelineNames.Partition(pipeline, 0), ct);

        // Still there a few evaluations later: the same two alerts, no more.
        await Task.Delay(3000, ct);
        Assert.Single(await AlertQueries.ListAsync(operatorApi, $"/admin/alerts?tenantId={tenantId}", ct));
        Assert.Single(await AlertQueries.ListAsync(operatorApi, $"/admin/alerts?tenantId={AlertTenants.Platform}", ct),
            a => a.Rule == AlertRules.QueueBacklog && a.Subject == PipelineNames.Partition(pipeline, 0));

        // Another reader holds the pipeline's error queue meanwhile (what an operator's page listing it does): the
        // rule cannot read that queue, and still resolves the alert of the dead-letter queue it did read.
        await using var otherReader = await factory.CreateConnectionAsync(ct);
        await using var lockChannel = await otherReader.CreateChannelAsync(cancellationToken: ct);
        var errorQueueLock = ParkingQueueLock.LockQueueName(PipelineNames.Error(pipeline));
        await lockChannel.QueueDeclareAsync(errorQueueLock, durable: false, exclusive: true, autoDelete: false, cancellationToken: ct);

        // Purged at every look: the alert service peeks at parked messages by fetching and returning them, and a purge
        // misses one it holds at that moment.
        await channel.QueuePurgeAsync(PipelineNames.Partition(pipeline, 0), ct);
        await AlertQueries.WaitForAsync(operatorApi, $"/admin/alerts?state=resolved&tenantId={tenantId}", a => a.Id == parkedAlert.Id, ct,
            () => channel.QueuePurgeAsync(PipelineNames.DeadLetter(pipeline), ct));
        await AlertQueries.WaitForAsync(operatorApi, $"/admin/alerts?state=resolved&tenantId={AlertTenants.Platform}", a => a.Id == backlog.Id, ct);
        // Still held when the alert resolved: the broker refuses the lock to any other connection.
        await using (var probe = await connection.CreateChannelAsync(cancellationToken: ct))
        {
            var refused = await Assert.ThrowsAsync<OperationInterruptedException>(() =>
                probe.QueueDeclareAsync(errorQueueLock, durable: false, exclusive: true, autoDelete: false, cancellationToken: ct));
            Assert.Equal((ushort)405, refused.ShutdownReason?.ReplyCode);
        }
        await lockChannel.QueueDeleteAsync(errorQueueLock, cancellationToken: ct);
    }

    private async Task RefuseWebhooksAsync(TestTenant tenant, int count, CancellationToken ct)
    {
        var webhook = fixture.Client(ServiceNames.WhatsAppWebhook);
        for (var i = 0; i < count; i++)
        {
            var body = MetaWebhooks.TextWebhook("15550009999", tenant.PhoneNumberId, $"wamid.{Guid.NewGuid():N}", "hello");
            using var response = await MetaWebhooks.PostAsync(webhook, Encoding.UTF8.GetBytes(body), "a-secret-rotated-at-meta", ct);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
    }

    private static async Task<string?> SubscribeAsync(HttpClient client, AlertSubscriptionRequest request, CancellationToken ct)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/alerts/subscriptions", request, ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<CreatedAlertSubscriptionResponse>(ct))!.Secret;
    }
}
