using System.Net;
using WhatsAppGenesys.Sandbox.Tests.Rcs.Infrastructure;

namespace WhatsAppGenesys.Sandbox.Tests.Rcs;

public sealed class SendLimitTests
{
    [Fact]
    public async Task ARepeatedMessageIdIs409AlreadyExistsEvenToAnotherNumber()
    {
        await using var host = await RcsSandboxHost.StartAsync();
        var token = await host.GetAccessTokenAsync();
        var messageId = RcsSandboxHost.NewId();

        await host.SendAcceptedAsync("+15551280001", RcsSandboxHost.Text("first"), token, messageId);
        using var same = await host.SendAsync("+15551280001", RcsSandboxHost.Text("again"), token, messageId);
        using var other = await host.SendAsync("+15551280002", RcsSandboxHost.Text("elsewhere"), token, messageId);

        await GoogleErrorAssert.IsAsync(same, 409, "ALREADY_EXISTS");
        await GoogleErrorAssert.IsAsync(other, 409, "ALREADY_EXISTS");
        Assert.Single((await host.GetJsonAsync("/sandbox/users/%2B15551280001/received")).EnumerateArray());
    }

    [Fact]
    public async Task OverTheAgentsRateTheSendIs429ResourceExhaustedWithRetryAfter()
    {
        await using var host = await RcsSandboxHost.StartAsync();
        await host.PatchAsync($"/sandbox/agents/{RcsSandboxHost.AgentId}", new { messagesPerSecond = 3 });
        var token = await host.GetAccessTokenAsync();

        var accepted = 0;
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 20 && limited is null; i++)
        {
            var response = await host.SendAsync("+15551280003", RcsSandboxHost.Text($"m{i}"), token);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                limited = response;
            }
            else
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                response.Dispose();
                accepted++;
            }
        }

        // A fixed one-second window: 3 pass, the 4th is refused (6 if the window rolled over during the loop).
        Assert.NotNull(limited);
        Assert.InRange(accepted, 3, 6);
        await GoogleErrorAssert.IsAsync(limited, 429, "RESOURCE_EXHAUSTED");
        Assert.Equal(TimeSpan.FromSeconds(1), limited.Headers.RetryAfter?.Delta);
        Assert.True((await host.GetJsonAsync("/sandbox/counters")).GetProperty("rateLimited").GetInt32() >= 1);
    }

    [Fact]
    public async Task ZeroMeansNoLimit()
    {
        await using var host = await RcsSandboxHost.StartAsync(new Dictionary<string, string?> { ["RcsSandbox:MessagesPerSecond"] = "2" });
        await host.PatchAsync("/sandbox/settings", new { messagesPerSecond = 0 });
        var token = await host.GetAccessTokenAsync();

        for (var i = 0; i < 10; i++)
        {
            await host.SendAcceptedAsync("+15551280004", RcsSandboxHost.Text($"m{i}"), token);
        }
    }
}
