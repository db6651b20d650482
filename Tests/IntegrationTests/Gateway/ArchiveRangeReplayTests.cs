using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using WhatsAppGenesys.Contracts;
using WhatsAppGenesys.Contracts.Operations;
using WhatsAppGenesys.Contracts.Security;
using WhatsAppGenesys.Contracts.Tenancy;
using WhatsAppGenesys.IntegrationTests.Faults;
using WhatsAppGenesys.IntegrationTests.Inbound;
using WhatsAppGenesys.IntegrationTests.Tenancy;

namespace WhatsAppGenesys.IntegrationTests.Gateway;

/// <summary>
/// An operator replays, through the gateway, every webhook archived for one tenant in a time range: exactly those are
/// found and queued again, not the ones just before or after the range, and not another tenant's of the same time.
/// </summary>
public class ArchiveRangeReplayTests(AppFixture fixture)
{
    private readonly GatewayHarness _gateway = new(fixture);

    [Fact]
    public async Task AllOfATenantsMetaWebhooksInTheRangeAndNoOthersAreReplayed()
    {
        var ct = TestContext.Current.CancellationToken;
        var tenancy = new TenancyHarness(fixture);
        var tenant = await tenancy.CreateTenantAsync(ct);
        var other = await tenancy.CreateTenantAsync(ct);
        var webhook = fixture.Client(ServiceNames.WhatsAppWebhook);
        Task PostAsync(TestTenant to, string text) => AcceptedAsync(MetaWebhooks.PostAsync(webhook,
            Encoding.UTF8.GetBytes(MetaWebhooks.TextWebhook(Sandboxes.NewCustomer(), to.PhoneNumberId, $"wamid.{Guid.NewGuid():N}", text)), to.AppSecret, ct));

        var (from, to) = await AroundAsync(
            () => PostAsync(tenant, "before the range"),
            async () =>
            {
                for (var i = 0; i < 3; i++)
                {
                    await PostAsync(tenant, $"in the range {i}");
                }
                await PostAsync(other, "another tenant's, in the range");
            },
            () => PostAsync(tenant, "after the range"));

        await AssertRangeReplayedAsync("whatsapp", tenant.Id, other.Id, from, to, expected: 3, ct);

        // In pages of two: the first says where the next starts, the next holds the rest.
        using var admin = _gateway.Operator();
        var first = await ReplayAsync(admin, "whatsapp", tenant.Id, from, to, "&limit=2", ct);
        Assert.Equal((2, true), (first.Found, first.More));
        var rest = await ReplayAsync(admin, "whatsapp", tenant.Id, first.ContinueFrom!.Value, to, "&limit=2", ct);
        Assert.Equal((1, 1, false), (rest.Found, rest.Replayed, rest.More));
    }

    [Fact]
    public async Task AllOfATenantsGenesysWebhooksInTheRangeAndNoOthersAreReplayed()
    {
        var ct = TestContext.Current.CancellationToken;
        var tenancy = new TenancyHarness(fixture);
        var tenant = await tenancy.CreateTenantAsync(ct);
        var other = await tenancy.CreateTenantAsync(ct);
        var webhook = fixture.Client(ServiceNames.GenesysWebhook);
        Task PostAsync(TestTenant to) => AcceptedAsync(PostTypingEventAsync(webhook, to, ct));

        var (from, to) = await AroundAsync(
            () => PostAsync(tenant),
            async () =>
            {
                await PostAsync(tenant);
                await PostAsync(tenant);
                await PostAsync(other);
            },
            () => PostAsync(tenant));

        await AssertRangeReplayedAsync("genesys", tenant.Id, other.Id, from, to, expected: 2, ct);
    }

    [Fact]
    public async Task ABadRangeIsA400AndAnEmptyOneFindsNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        using var admin = _gateway.Operator();
        string[] bad =
        [
            "to=2026-12-04T10:00:00Z",
            "from=2026-12-04T09:00:00Z",
            "from=yesterday&to=2026-12-04T10:00:00Z",
            "from=2026-12-04T10:00:00Z&to=2026-12-04T10:00:00Z",
            "from=2026-12-04T11:00:00Z&to=2026-12-04T10:00:00Z",
            "from=2026-11-01T00:00:00Z&to=2026-12-04T00:00:00Z",
            "from=2026-12-04T09:00:00Z&to=2026-12-04T10:00:00Z&limit=0",
        ];
        foreach (var query in bad)
        {
            using var response = await admin.PostAsync($"/admin/webhooks/whatsapp/tenants/demo/replay?{query}", null, ct);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{query}: {response.StatusCode}");
            var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>(ct);
            Assert.False(string.IsNullOrEmpty(problem!.Title), query);
        }

        using var empty = await admin.PostAsync("/admin/webhooks/genesys/tenants/no-such-tenant/replay?from=2020-01-01T00:00:00Z&to=2020-01-02T00:00:00Z", null, ct);
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        var summary = await empty.Content.ReadFromJsonAsync<ArchiveReplaySummary>(ct);
        Assert.Equal((0, 0, false), (summary!.Found, summary.Replayed, summary.More));
    }

    [Fact]
    public async Task OnlyTheOperatorKeyMayReplay()
    {
        var ct = TestContext.Current.CancellationToken;
        var tenantId = await _gateway.CreateTenantAsync(ct);
        var tenantKey = (await _gateway.CreateApiKeyAsync(tenantId, ct)).ApiKey;
        foreach (var source in new[] { "whatsapp", "genesys" })
        {
            var replay = $"/admin/webhooks/{source}/tenants/{tenantId}/replay?from=2026-12-04T09:00:00Z&to=2026-12-04T10:00:00Z";
            using var anonymous = _gateway.Client();
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync(replay, null, ct)).StatusCode);
            using var tenant = _gateway.Client(tenantKey);
            Assert.Equal(HttpStatusCode.Forbidden, (await tenant.PostAsync(replay, null, ct)).StatusCode);
        }
    }

    /// <summary>Runs before, inside and after with the range's ends between them; the webhook services share this clock.</summary>
    private static async Task<(DateTimeOffset From, DateTimeOffset To)> AroundAsync(Func<Task> before, Func<Task> inside, Func<Task> after)
    {
        await before();
        await Task.Delay(20);
        var from = DateTimeOffset.UtcNow;
        await Task.Delay(20);
        await inside();
        await Task.Delay(20);
        var to = DateTimeOffset.UtcNow;
        await Task.Delay(20);
        await after();
        return (from, to);
    }

    private async Task AssertRangeReplayedAsync(string source, string tenantId, string otherTenantId, DateTimeOffset from, DateTimeOffset to, int expected, CancellationToken ct)
    {
        using var admin = _gateway.Operator();
        var otherLast = await LastReceivedAsync(admin, source, otherTenantId, ct);
        var replayedAfter = DateTimeOffset.UtcNow;

        var summary = await ReplayAsync(admin, source, tenantId, from, to, "", ct);

        Assert.Equal(expected, summary.Found);
        Assert.Equal(expected, summary.Replayed);
        Assert.Empty(summary.Failed);
        Assert.False(summary.More);
        // A replay goes through the receiver's accept path, which notes the tenant's last webhook; the other tenant's stays.
        Assert.True(await LastReceivedAsync(admin, source, tenantId, ct) >= replayedAfter, "The tenant's webhooks were not accepted again.");
        Assert.Equal(otherLast, await LastReceivedAsync(admin, source, otherTenantId, ct));
        // The archive still holds the webhooks outside the range: they were left out, not missing.
        Assert.Equal(expected + 2, (await fixture.ListS3KeysAsync(source == "whatsapp" ? Buckets.WebhooksInbound : Buckets.WebhooksGenesys, $"{tenantId}/")).Count);
    }

    private static async Task<ArchiveReplaySummary> ReplayAsync(HttpClient admin, string source, string tenantId, DateTimeOffset from, DateTimeOffset to,
        string more, CancellationToken ct)
    {
        using var response = await admin.PostAsync(
            $"/admin/webhooks/{source}/tenants/{tenantId}/replay?from={Uri.EscapeDataString(from.ToString("O"))}&to={Uri.EscapeDataString(to.ToString("O"))}{more}",
            null, ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ArchiveReplaySummary>(ct))!;
    }

    private static async Task<DateTimeOffset?> LastReceivedAsync(HttpClient admin, string source, string tenantId, CancellationToken ct) =>
        (await admin.GetFromJsonAsync<WebhookActivityResponse>($"/admin/webhooks/{source}/tenants/{tenantId}/last-received", ct))!.LastReceivedAt;

    private static async Task AcceptedAsync(Task<HttpResponseMessage> post)
    {
        using var response = await post;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>An agent's typing event for a new customer: accepted and archived, then ignored (no customer message to show it on).</summary>
    private static async Task<HttpResponseMessage> PostTypingEventAsync(HttpClient webhook, TestTenant tenant, CancellationToken ct)
    {
        var id = Guid.NewGuid().ToString("N");
        var body = Encoding.UTF8.GetBytes($$$"""{"id":"{{{id}}}","type":"Event","direction":"Outbound","channel":{"id":"{{{tenant.IntegrationId}}}","platform":"Open","type":"Private","to":{"id":"+{{{Sandboxes.NewCustomer()}}}","idType":"Phone"},"from":{"id":"{{{tenant.IntegrationId}}}","idType":"Opaque"},"time":"{{{DateTimeOffset.UtcNow:O}}}","messageId":"{{{id}}}"},"events":[{"eventType":"Typing","typing":{"type":"On","duration":5000}}]}""");
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");
        content.Headers.Add(WebhookSignatures.HeaderName, WebhookSignatures.SignGenesys(body, tenant.WebhookSecret));
        return await webhook.PostAsync("/webhook/genesys", content, ct);
    }
}
