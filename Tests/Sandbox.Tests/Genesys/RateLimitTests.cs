using System.Net;

namespace WhatsAppGenesys.Sandbox.Tests.Genesys;

public sealed class RateLimitTests
{
    [Fact]
    public async Task RequestsAboveThePerTokenLimitGet429WithRetryAfterUntilTheWindowEnds()
    {
        await using var host = await GenesysSandboxHost.StartAsync(new Dictionary<string, string?>
        {
            ["GenesysSandbox:RequestsPerMinute"] = "3",
        });
        var token = await host.GetTokenAsync();
        var message = GenesysSandboxHost.TextMessage("+15550001", "hi");

        for (var i = 0; i < 3; i++)
        {
            using var allowed = await host.PostInboundAsync(token, "message", message);
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }
        using var limited = await host.PostInboundAsync(token, "message", message);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        var retryAfter = limited.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value.TotalSeconds, 1, 60);
        var body = await limited.JsonAsync();
        Assert.Equal("too.many.requests", body.GetProperty("code").GetString());
        Assert.Equal(429, body.GetProperty("status").GetInt32());
        Assert.Equal("Rate limit exceeded the maximum [3] requests within [60] seconds", body.GetProperty("message").GetString());
        Assert.Equal("3", body.GetProperty("messageParams").GetProperty("limit").GetString());

        // A second token of the same client has its own budget, as Genesys's limit is per token.
        var otherToken = await host.GetTokenAsync();
        using (var other = await host.PostInboundAsync(otherToken, "message", message))
        {
            Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        }

        host.Clock.Advance(TimeSpan.FromSeconds(61));
        using var afterWindow = await host.PostInboundAsync(token, "message", message);
        Assert.Equal(HttpStatusCode.OK, afterWindow.StatusCode);
        Assert.Equal(1, (await host.GetCountersAsync()).GetProperty("rateLimited").GetInt32());
    }

    [Fact]
    public async Task TheLimitCanBeRaisedAtRunTime()
    {
        await using var host = await GenesysSandboxHost.StartAsync(new Dictionary<string, string?>
        {
            ["GenesysSandbox:RequestsPerMinute"] = "1",
        });
        var token = await host.GetTokenAsync();
        var message = GenesysSandboxHost.TextMessage("+15550001", "hi");
        using (await host.PostInboundAsync(token, "message", message))
        {
        }

        using (var put = await host.Client.PutAsync("/sandbox/rate-limit",
            System.Net.Http.Json.JsonContent.Create(new { requestsPerMinute = 100 }), HttpTestExtensions.Ct))
        {
            Assert.Equal(100, (await put.JsonAsync()).GetProperty("requestsPerMinute").GetInt32());
        }
        using var response = await host.PostInboundAsync(token, "message", message);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
