using System.Net;
using WhatsAppGenesys.IntegrationTests.Inbound;
using static WhatsAppGenesys.IntegrationTests.Portal.HistoryDesk;

namespace WhatsAppGenesys.IntegrationTests.Portal;

/// <summary>One tenant's history is invisible to every other tenant, whatever ids they know.</summary>
[Collection(nameof(ConversationHistoryCollection))]
public sealed class HistoryTenantIsolationTests(AppFixture fixture)
{
    private readonly HistoryDesk _desk = new(fixture);

    [Fact]
    public async Task CrossTenantReadsAreRefused()
    {
        var ct = TestContext.Current.CancellationToken;
        using var demo = await _desk.DemoClientAsync(ct);
        var (_, otherKey) = await _desk.Gateway.CreateTenantWithKeyAsync(ct);
        using var other = _desk.Gateway.Client(otherKey);
        var customer = Sandboxes.NewCustomer();
        var wamid = await _desk.Agents.Sandboxes.CustomerSendsAsync(customer, new { type = "text", text = "Only my business may read this" });
        var history = await WaitForAsync(demo, CustomerMessages(customer), items => items.Count == 1, ct);
        var conversation = $"/api/v1/portal/conversations/{Str(history[0], "conversationId")}/messages";
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(demo, conversation, ct)).Status);

        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(other, conversation, ct)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(other, CustomerMessages(customer), ct)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(other, CustomerMessages("+" + customer), ct)).Status);
        var (searchStatus, search) = await GetAsync(other, $"/api/v1/portal/messages?customer={customer}&text=business", ct);
        Assert.Equal(HttpStatusCode.OK, searchStatus);
        Assert.Empty(Items(search!));
        // Naming the demo tenant in X-Tenant-ID changes nothing: the gateway sets it from the key.
        using var spoofed = new HttpRequestMessage(HttpMethod.Get, CustomerMessages(customer));
        spoofed.Headers.Add("X-Tenant-ID", DemoTenant);
        using var response = await other.SendAsync(spoofed, ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        // Nor can the other tenant erase it.
        using var erase = await other.DeleteAsync($"/api/v1/portal/customers/{customer}/history", ct);
        Assert.Equal(HttpStatusCode.OK, erase.StatusCode);
        Assert.Equal([wamid], (await WaitForAsync(demo, CustomerMessages(customer), items => items.Count == 1, ct)).Select(m => Str(m, "messageId")));
    }
}
