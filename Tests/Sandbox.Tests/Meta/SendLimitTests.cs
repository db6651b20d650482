using System.Net;
using System.Net.Http.Json;
using WhatsAppGenesys.Sandbox.Tests.Meta.Infrastructure;

namespace WhatsAppGenesys.Sandbox.Tests.Meta;

public sealed class SendLimitTests
{
    private static object Template(string to) => TemplateCalls.TemplateMessage(to, "campaign_offer", "en_US", "x");

    private static string CustomerNumber(int i) => $"1555080{i:D4}";

    private static async Task PatchLimitsAsync(MetaSandboxHost host, object patch)
    {
        var response = await host.Client.PatchAsJsonAsync("/sandbox/limits", patch, MetaSandboxHost.Cancellation);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(MetaSandboxHost.Cancellation));
    }

    private static async Task SetTierAsync(MetaSandboxHost host, string tier)
    {
        var response = await host.Client.PutAsJsonAsync($"/sandbox/limits/businesses/{MetaSandboxHost.WabaId}", new { tier }, MetaSandboxHost.Cancellation);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(MetaSandboxHost.Cancellation));
    }

    [Fact]
    public async Task DefaultTierReachesExactly250UniqueCustomersWithTemplates()
    {
        await using var host = await MetaSandboxHost.StartAsync(new() { ["MetaSandbox:MessagesPerSecond"] = "0" });

        for (var i = 0; i < 250; i++)
        {
            var accepted = await host.SendAsync(Template(CustomerNumber(i)));
            Assert.True(accepted.IsSuccessStatusCode, $"customer {i}: {await accepted.Content.ReadAsStringAsync(MetaSandboxHost.Cancellation)}");
        }
        var over = await host.SendAsync(Template(CustomerNumber(250)));
        var again = await host.SendAsync(Template(CustomerNumber(0)));
        var limits = await host.GetJsonAsync("/sandbox/limits");

        var error = await GraphAssert.ErrorAsync(over, HttpStatusCode.BadRequest, 131048);
        Assert.Contains("messaging limit of 250", error.GetProperty("error_data").GetProperty("details").GetString());
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var business = limits.GetProperty("businesses").EnumerateArray().Single(b => b.GetProperty("wabaId").GetString() == MetaSandboxHost.WabaId);
        Assert.Equal(("TIER_250", 250), (business.GetProperty("tier").GetString(), business.GetProperty("reached").GetInt32()));
    }

    [Fact]
    public async Task PerBusinessTierIsEnforcedAndRollsAfterTwentyFourHours()
    {
        await using var host = await MetaSandboxHost.StartAsync();
        await SetTierAsync(host, "2");

        var first = await host.SendAsync(Template(CustomerNumber(1)));
        var second = await host.SendAsync(Template(CustomerNumber(2)));
        var third = await host.SendAsync(Template(CustomerNumber(3)));
        host.Time.Advance(TimeSpan.FromHours(24) + TimeSpan.FromSeconds(1));
        var nextDay = await host.SendAsync(Template(CustomerNumber(3)));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK], new[] { first.StatusCode, second.StatusCode });
        await GraphAssert.ErrorAsync(third, HttpStatusCode.BadRequest, 131048);
        Assert.Equal(HttpStatusCode.OK, nextDay.StatusCode);
    }

    [Fact]
    public async Task CustomersInsideTheirServiceWindowDoNotCountAgainstTheTier()
    {
        await using var host = await MetaSandboxHost.StartAsync();
        await SetTierAsync(host, "1");
        await host.CustomerSendsAsync(CustomerNumber(10), new { type = "text", text = "hi" });

        var replyInWindow = await host.SendAsync(Template(CustomerNumber(10)));
        var textInWindow = await host.SendAsync(MetaSandboxHost.Text(CustomerNumber(10), "hello"));
        var firstCold = await host.SendAsync(Template(CustomerNumber(11)));
        var secondCold = await host.SendAsync(Template(CustomerNumber(12)));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK], new[] { replyInWindow.StatusCode, textInWindow.StatusCode, firstCold.StatusCode });
        await GraphAssert.ErrorAsync(secondCold, HttpStatusCode.BadRequest, 131048);
    }

    [Fact]
    public async Task TierLimitCanBeReportedAsAFailedStatusInstead()
    {
        await using var host = await MetaSandboxHost.StartAsync();
        await SetTierAsync(host, "1");
        await PatchLimitsAsync(host, new { messagingLimitDelivery = "webhook" });
        await host.SendAcceptedAsync(Template(CustomerNumber(20)));

        var wamid = await host.SendAcceptedAsync(Template(CustomerNumber(21)));
        await host.Receiver.WaitForAsync(_ => host.Receiver.StatusesFor(wamid).Count == 1);

        var status = Assert.Single(host.Receiver.StatusesFor(wamid));
        Assert.Equal("failed", status.GetProperty("status").GetString());
        Assert.Equal(131048, status.GetProperty("errors")[0].GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task UnknownTierIsRefused()
    {
        await using var host = await MetaSandboxHost.StartAsync();

        var response = await host.Client.PutAsJsonAsync($"/sandbox/limits/businesses/{MetaSandboxHost.WabaId}", new { tier = "TIER_42K" }, MetaSandboxHost.Cancellation);
        var unknownWaba = await host.Client.PutAsJsonAsync("/sandbox/limits/businesses/999", new { tier = "TIER_1K" }, MetaSandboxHost.Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownWaba.StatusCode);
    }

    [Fact]
    public async Task PairRateLimitAnswers131056ForTheSameCustomerOnly()
    {
        await using var host = await MetaSandboxHost.StartAsync();
        await PatchLimitsAsync(host, new { enforcePairRate = true, pairRateBurst = 2, pairRateIntervalMs = 6000 });
        await host.CustomerSendsAsync(CustomerNumber(30), new { type = "text", text = "hi" });
        await host.CustomerSendsAsync(CustomerNumber(31), new { type = "text", text = "hi" });

        var burst = new List<HttpResponseMessage>();
        for (var i = 0; i < 3; i++)
        {
            burst.Add(await host.SendAsync(MetaSandboxHost.Text(CustomerNumber(30), $"m{i}")));
        }
        var otherCustomer = await host.SendAsync(MetaSandboxHost.Text(CustomerNumber(31), "hello"));
        host.Time.Advance(TimeSpan.FromSeconds(6));
        var afterInterval = await host.SendAsync(MetaSandboxHost.Text(CustomerNumber(30), "later"));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK], burst.Take(2).Select(r => r.StatusCode));
        var error = await GraphAssert.ErrorAsync(burst[2], HttpStatusCode.BadRequest, 131056);
        Assert.Equal("(#131056) (Business Account, Consumer Account) pair rate limit hit", error.GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.OK, otherCustomer.StatusCode);
        Assert.Equal(HttpStatusCode.OK, afterInterval.StatusCode);
    }

    [Fact]
    public async Task PairRateIsOffByDefault()
    {
        await using var host = await MetaSandboxHost.StartAsync();
        await host.CustomerSendsAsync(CustomerNumber(40), new { type = "text", text = "hi" });

        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 50; i++)
        {
            responses.Add(await host.SendAsync(MetaSandboxHost.Text(CustomerNumber(40), $"m{i}")));
        }

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
    }

    [Fact]
    public async Task ArmedSpamStrikesFailExactlyTheNextSendsWith131048()
    {
        await using var host = await MetaSandboxHost.StartAsync();
        await host.CustomerSendsAsync(CustomerNumber(50), new { type = "text", text = "hi" });
        var armed = await host.Client.PostAsJsonAsync("/sandbox/limits/spam", new { count = 2 }, MetaSandboxHost.Cancellation);
        armed.EnsureSuccessStatusCode();

        var first = await host.SendAsync(MetaSandboxHost.Text(CustomerNumber(50), "1"));
        var second = await host.SendAsync(MetaSandboxHost.Text(CustomerNumber(50), "2"));
        var third = await host.SendAsync(MetaSandboxHost.Text(CustomerNumber(50), "3"));

        var error = await GraphAssert.ErrorAsync(first, HttpStatusCode.BadRequest, 131048);
        Assert.Equal("(#131048) Spam rate limit hit", error.GetProperty("message").GetString());
        await GraphAssert.ErrorAsync(second, HttpStatusCode.BadRequest, 131048);
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
    }

    [Fact]
    public async Task ThroughputIsSwitchableThroughTheLimitsControl()
    {
        await using var host = await MetaSandboxHost.StartAsync();
        await host.CustomerSendsAsync(CustomerNumber(60), new { type = "text", text = "hi" });
        await PatchLimitsAsync(host, new { messagesPerSecond = 2 });

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => host.SendAsync(MetaSandboxHost.Text(CustomerNumber(60), $"m{i}"))));
        var limits = await host.GetJsonAsync("/sandbox/limits");

        Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.BadRequest);
        var limited = responses.First(r => r.StatusCode == HttpStatusCode.BadRequest);
        await GraphAssert.ErrorAsync(limited, HttpStatusCode.BadRequest, 130429);
        Assert.Equal(2, limits.GetProperty("messagesPerSecond").GetInt32());
    }

    [Fact]
    public async Task UsageResetForgetsReachedCustomers()
    {
        await using var host = await MetaSandboxHost.StartAsync();
        await SetTierAsync(host, "1");
        await host.SendAcceptedAsync(Template(CustomerNumber(70)));
        var blocked = await host.SendAsync(Template(CustomerNumber(71)));

        var reset = await host.Client.DeleteAsync("/sandbox/limits/usage", MetaSandboxHost.Cancellation);
        var afterReset = await host.SendAsync(Template(CustomerNumber(71)));

        await GraphAssert.ErrorAsync(blocked, HttpStatusCode.BadRequest, 131048);
        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        Assert.Equal(HttpStatusCode.OK, afterReset.StatusCode);
    }
}
