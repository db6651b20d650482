namespace WhatsAppGenesys.Sandbox.Tests.Genesys;

public sealed class InboundFeedTests
{
    [Fact]
    public async Task TheFeedListsInboundMessagesOfEveryConversationInArrivalOrderAfterTheCursor()
    {
        await using var host = await GenesysSandboxHost.StartAsync();
        var token = await host.GetTokenAsync();
        foreach (var (customer, id) in new[] { ("+15550001", "wamid.a"), ("+15550002", "wamid.b"), ("+15550001", "wamid.c") })
        {
            using var response = await host.PostInboundAsync(token, "message", GenesysSandboxHost.TextMessage(customer, "hi", id));
            response.EnsureSuccessStatusCode();
        }

        var all = await host.Client.GetJsonAsync("/sandbox/inbound-feed");
        var afterFirst = await host.Client.GetJsonAsync($"/sandbox/inbound-feed?after={all.GetProperty("items")[0].GetProperty("sequence").GetInt64()}&limit=1");

        Assert.Equal(["wamid.a", "wamid.b", "wamid.c"], all.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("channelMessageId").GetString()));
        Assert.Equal(["+15550001", "+15550002", "+15550001"], all.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("customerId").GetString()));
        Assert.Equal(3, all.GetProperty("latest").GetInt64());
        Assert.Equal(3, all.GetProperty("next").GetInt64());
        var page = Assert.Single(afterFirst.GetProperty("items").EnumerateArray());
        Assert.Equal("wamid.b", page.GetProperty("channelMessageId").GetString());
        Assert.Equal(2, afterFirst.GetProperty("next").GetInt64());
    }

    [Fact]
    public async Task ARepeatedMessageIsInTheFeedAgainFlaggedAsDuplicate()
    {
        await using var host = await GenesysSandboxHost.StartAsync();
        var token = await host.GetTokenAsync();
        for (var i = 0; i < 2; i++)
        {
            using var response = await host.PostInboundAsync(token, "message", GenesysSandboxHost.TextMessage("+15550001", "hi", "wamid.same"));
            response.EnsureSuccessStatusCode();
        }

        var items = (await host.Client.GetJsonAsync("/sandbox/inbound-feed")).GetProperty("items").EnumerateArray().ToList();

        Assert.Equal([false, true], items.Select(i => i.GetProperty("isDuplicate").GetBoolean()));
        Assert.All(items, i => Assert.Equal("wamid.same", i.GetProperty("channelMessageId").GetString()));
    }

    [Fact]
    public async Task ResetEmptiesTheFeedButKeepsTheSequenceGoingSoOldCursorsStayValid()
    {
        await using var host = await GenesysSandboxHost.StartAsync();
        var token = await host.GetTokenAsync();
        using (var first = await host.PostInboundAsync(token, "message", GenesysSandboxHost.TextMessage("+15550001", "hi", "wamid.1")))
        {
            first.EnsureSuccessStatusCode();
        }
        using (await host.Client.PostJsonAsync("/sandbox/reset", new { }))
        {
        }
        token = await host.GetTokenAsync();
        using (var second = await host.PostInboundAsync(token, "message", GenesysSandboxHost.TextMessage("+15550001", "hi", "wamid.2")))
        {
            second.EnsureSuccessStatusCode();
        }

        var feed = await host.Client.GetJsonAsync("/sandbox/inbound-feed?after=1");

        var item = Assert.Single(feed.GetProperty("items").EnumerateArray());
        Assert.Equal("wamid.2", item.GetProperty("channelMessageId").GetString());
        Assert.Equal(2, item.GetProperty("sequence").GetInt64());
    }
}
