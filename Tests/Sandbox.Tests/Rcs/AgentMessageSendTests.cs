using WhatsAppGenesys.Sandbox.Tests.Rcs.Infrastructure;

namespace WhatsAppGenesys.Sandbox.Tests.Rcs;

public sealed class AgentMessageSendTests
{
    private static readonly object Suggestions = new object[]
    {
        new { reply = new { text = "Yes", postbackData = "answer_yes" } },
        new { action = new { text = "Call us", postbackData = "call", dialAction = new { phoneNumber = "+15550001111" } } },
        new { action = new { text = "Website", postbackData = "web", openUrlAction = new { url = "https://example.com/help" } } },
        new { action = new { text = "Find us", postbackData = "map", viewLocationAction = new { latLong = new { latitude = 52.37, longitude = 4.89 }, label = "Shop" } } },
        new { action = new { text = "Share location", postbackData = "share", shareLocationAction = new { } } },
        new
        {
            action = new
            {
                text = "Remind me",
                postbackData = "calendar",
                createCalendarEventAction = new { startTime = "2026-12-24T10:00:00Z", endTime = "2026-12-24T11:00:00Z", title = "Pick-up" },
            },
        },
    };

    [Fact]
    public async Task ATextMessageIsAcceptedAsTheAgentMessageResourceAndRecorded()
    {
        await using var host = await RcsSandboxHost.StartAsync();
        var token = await host.GetAccessTokenAsync();
        var messageId = RcsSandboxHost.NewId();

        var resource = await host.SendAcceptedAsync("+15551250001", RcsSandboxHost.Text("Hello 👋 from the agent"), token, messageId);

        Assert.Equal($"phones/+15551250001/agentMessages/{messageId}", resource.GetProperty("name").GetString());
        Assert.True(DateTimeOffset.TryParse(resource.GetProperty("sendTime").GetString(), out _));
        Assert.EndsWith("Z", resource.GetProperty("sendTime").GetString(), StringComparison.Ordinal);
        Assert.Equal("Hello 👋 from the agent", resource.GetProperty("contentMessage").GetProperty("text").GetString());
        var received = Assert.Single((await host.GetJsonAsync("/sandbox/users/%2B15551250001/received")).EnumerateArray());
        Assert.Equal(messageId, received.GetProperty("messageId").GetString());
        Assert.Equal("text", received.GetProperty("kind").GetString());
        Assert.Equal(RcsSandboxHost.AgentId, received.GetProperty("agentId").GetString());
    }

    [Fact]
    public async Task AStandaloneRichCardWithSuggestionsIsAccepted()
    {
        await using var host = await RcsSandboxHost.StartAsync();
        var token = await host.GetAccessTokenAsync();
        var body = new
        {
            contentMessage = new
            {
                richCard = new
                {
                    standaloneCard = new
                    {
                        cardOrientation = "VERTICAL",
                        cardContent = new
                        {
                            title = "Your order",
                            description = "Order 1234 ships today.",
                            media = new { height = "MEDIUM", contentInfo = new { fileUrl = "https://example.com/box.png", forceRefresh = false } },
                            suggestions = new object[] { new { reply = new { text = "Track", postbackData = "track_1234" } } },
                        },
                    },
                },
                suggestions = Suggestions,
            },
        };

        var resource = await host.SendAcceptedAsync("+15551250002", body, token);

        Assert.Equal("Your order",
            resource.GetProperty("contentMessage").GetProperty("richCard").GetProperty("standaloneCard").GetProperty("cardContent").GetProperty("title").GetString());
        Assert.Equal("standaloneCard", (await host.GetJsonAsync("/sandbox/users/%2B15551250002/received"))[0].GetProperty("kind").GetString());
    }

    [Fact]
    public async Task ACarouselIsAccepted()
    {
        await using var host = await RcsSandboxHost.StartAsync();
        var token = await host.GetAccessTokenAsync();

        await host.SendAcceptedAsync("+15551250003", Carousel(3, "MEDIUM"), token);

        Assert.Equal("carouselCard", (await host.GetJsonAsync("/sandbox/users/%2B15551250003/received"))[0].GetProperty("kind").GetString());
    }

    [Fact]
    public async Task AFileByUrlIsAccepted()
    {
        await using var host = await RcsSandboxHost.StartAsync();
        var token = await host.GetAccessTokenAsync();

        await host.SendAcceptedAsync("+15551250004", new
        {
            contentMessage = new { contentInfo = new { fileUrl = "https://example.com/invoice.pdf", thumbnailUrl = "https://example.com/t.png" } },
        }, token);

        Assert.Equal("file", (await host.GetJsonAsync("/sandbox/users/%2B15551250004/received"))[0].GetProperty("kind").GetString());
    }

    [Fact]
    public async Task ReceivedMessagesAreListedInOrderWithTheirIds()
    {
        await using var host = await RcsSandboxHost.StartAsync();
        var token = await host.GetAccessTokenAsync();
        var ids = Enumerable.Range(0, 4).Select(_ => RcsSandboxHost.NewId()).ToList();

        foreach (var (id, index) in ids.Select((id, index) => (id, index)))
        {
            await host.SendAcceptedAsync("+15551250005", RcsSandboxHost.Text($"message {index}"), token, id);
        }

        var received = (await host.GetJsonAsync("/sandbox/users/%2B15551250005/received")).EnumerateArray().ToList();
        Assert.Equal(ids, received.Select(m => m.GetProperty("messageId").GetString()));
        Assert.Equal(["message 0", "message 1", "message 2", "message 3"],
            received.Select(m => m.GetProperty("contentMessage").GetProperty("text").GetString()));
    }

    [Fact]
    public async Task SnakeCaseFieldsAreAcceptedAsGooglesProtoJsonParserDoes()
    {
        await using var host = await RcsSandboxHost.StartAsync();
        var token = await host.GetAccessTokenAsync();

        await host.SendAcceptedAsync("+15551250006",
            """{"content_message":{"text":"hi","suggestions":[{"reply":{"text":"Ok","postback_data":"ok"}}]}}""", token);
    }

    [Fact]
    public async Task ATtlIsAnsweredAsTheExpireTimeItAmountsTo()
    {
        await using var host = await RcsSandboxHost.StartAsync();
        var token = await host.GetAccessTokenAsync();

        var resource = await host.SendAcceptedAsync("+15551250007", new { contentMessage = new { text = "hi" }, ttl = "3600s" }, token);

        var sent = DateTimeOffset.Parse(resource.GetProperty("sendTime").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        var expires = DateTimeOffset.Parse(resource.GetProperty("expireTime").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(TimeSpan.FromHours(1), expires - sent);
    }

    internal static object Carousel(int cards, string width, string height = "SHORT") => new
    {
        contentMessage = new
        {
            richCard = new
            {
                carouselCard = new
                {
                    cardWidth = width,
                    cardContents = Enumerable.Range(1, cards).Select(i => new
                    {
                        title = $"Card {i}",
                        media = new { height, contentInfo = new { fileUrl = $"https://example.com/{i}.png" } },
                    }).ToArray(),
                },
            },
        },
    };
}
