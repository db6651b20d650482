using System.Text.Json;
using WhatsAppGenesys.Sandbox.Tests.Rcs.Infrastructure;

namespace WhatsAppGenesys.Sandbox.Tests.Rcs;

// Every RBM limit and shape rule is a 400 INVALID_ARGUMENT naming the field, as Google's BadRequest detail does.
public sealed class ValidationTests
{
    private static string Reply(string text = "Ok", string postback = "ok") =>
        JsonSerializer.Serialize(new { reply = new { text, postbackData = postback } });

    private static string Replies(int count) => "[" + string.Join(',', Enumerable.Range(0, count).Select(i => Reply("r" + i, "p" + i))) + "]";

    private static string WithSuggestions(string suggestions) => """{"contentMessage":{"text":"hi","suggestions":""" + suggestions + "}}";

    private static string Card(string content) =>
        """{"contentMessage":{"richCard":{"standaloneCard":{"cardOrientation":"VERTICAL","cardContent":""" + content + "}}}}";

    public static TheoryData<string, string, string> InvalidBodies => new()
    {
        { "text over 3072", JsonSerializer.Serialize(new { contentMessage = new { text = new string('a', 3073) } }), "agent_message.content_message.text" },
        { "12 suggestions", WithSuggestions(Replies(12)), "agent_message.content_message.suggestions" },
        { "suggestion text over 25", WithSuggestions("[" + Reply(new string('b', 26)) + "]"),
            "agent_message.content_message.suggestions[0].reply.text" },
        { "postbackData over 2048", WithSuggestions("[" + Reply("Ok", new string('c', 2049)) + "]"),
            "agent_message.content_message.suggestions[0].reply.postback_data" },
        { "carousel of 1", JsonSerializer.Serialize(AgentMessageSendTests.Carousel(1, "MEDIUM")), "agent_message.content_message.rich_card.carousel_card.card_contents" },
        { "carousel of 11", JsonSerializer.Serialize(AgentMessageSendTests.Carousel(11, "MEDIUM")), "agent_message.content_message.rich_card.carousel_card.card_contents" },
        { "TALL media in a SMALL carousel", JsonSerializer.Serialize(AgentMessageSendTests.Carousel(2, "SMALL", "TALL")),
            "agent_message.content_message.rich_card.carousel_card.card_contents[0].media.height" },
        { "card title over 200", Card(JsonSerializer.Serialize(new { title = new string('t', 201) })),
            "agent_message.content_message.rich_card.standalone_card.card_content.title" },
        { "card description over 2000", Card(JsonSerializer.Serialize(new { description = new string('d', 2001) })),
            "agent_message.content_message.rich_card.standalone_card.card_content.description" },
        { "5 card suggestions", Card("""{"title":"t","suggestions":""" + Replies(5) + "}"),
            "agent_message.content_message.rich_card.standalone_card.card_content.suggestions" },
        { "empty card", Card("{}"), "agent_message.content_message.rich_card.standalone_card.card_content" },
        { "card without orientation", """{"contentMessage":{"richCard":{"standaloneCard":{"cardContent":{"title":"t"}}}}}""",
            "agent_message.content_message.rich_card.standalone_card.card_orientation" },
        { "unknown orientation", """{"contentMessage":{"richCard":{"standaloneCard":{"cardOrientation":"DIAGONAL","cardContent":{"title":"t"}}}}}""",
            "agent_message.content_message.rich_card.standalone_card.card_orientation" },
        { "text and rich card", """{"contentMessage":{"text":"hi","contentInfo":{"fileUrl":"https://example.com/a.png"}}}""",
            "agent_message.content_message.content_info" },
        { "no content", """{"contentMessage":{"suggestions":[]}}""", "agent_message.content_message" },
        { "no contentMessage", """{"text":"hi"}""", "agent_message" },
        { "unknown field", """{"contentMessage":{"txt":"hi"}}""", "agent_message.content_message" },
        { "text of the wrong type", """{"contentMessage":{"text":5}}""", "agent_message.content_message.text" },
        { "empty text", """{"contentMessage":{"text":""}}""", "agent_message.content_message.text" },
        { "suggestion with reply and action",
            """{"contentMessage":{"text":"hi","suggestions":[{"reply":{"text":"a","postbackData":"a"},"action":{"text":"b","postbackData":"b","dialAction":{"phoneNumber":"+15550001111"}}}]}}""",
            "agent_message.content_message.suggestions[0].action" },
        { "action without an action", """{"contentMessage":{"text":"hi","suggestions":[{"action":{"text":"b","postbackData":"b"}}]}}""",
            "agent_message.content_message.suggestions[0].action" },
        { "dial number not E.164", """{"contentMessage":{"text":"hi","suggestions":[{"action":{"text":"b","postbackData":"b","dialAction":{"phoneNumber":"5550001111"}}}]}}""",
            "agent_message.content_message.suggestions[0].action.dial_action.phone_number" },
        { "reply without postbackData", """{"contentMessage":{"text":"hi","suggestions":[{"reply":{"text":"a"}}]}}""",
            "agent_message.content_message.suggestions[0].reply.postback_data" },
        { "file URL not http", """{"contentMessage":{"contentInfo":{"fileUrl":"ftp://example.com/a.png"}}}""",
            "agent_message.content_message.content_info.file_url" },
        { "uploaded file name", """{"contentMessage":{"fileName":"files/abc"}}""", "agent_message.content_message.file_name" },
        { "expireTime and ttl", """{"contentMessage":{"text":"hi"},"expireTime":"2030-01-01T00:00:00Z","ttl":"60s"}""", "agent_message.ttl" },
        { "bad ttl", """{"contentMessage":{"text":"hi"},"ttl":"an hour"}""", "agent_message.ttl" },
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task AnInvalidBodyIs400InvalidArgumentNamingTheField(string because, string body, string field)
    {
        await using var host = await RcsSandboxHost.StartAsync();
        var token = await host.GetAccessTokenAsync();

        using var response = await host.SendAsync("+15551260001", body, token);

        var error = await GoogleErrorAssert.IsAsync(response, 400, "INVALID_ARGUMENT");
        var violation = error.GetProperty("details")[0];
        Assert.Equal("type.googleapis.com/google.rpc.BadRequest", violation.GetProperty("@type").GetString());
        Assert.True(field == violation.GetProperty("fieldViolations")[0].GetProperty("field").GetString(),
            $"{because}: expected field {field}, got {error}");
        Assert.Empty((await host.GetJsonAsync("/sandbox/users/%2B15551260001/received")).EnumerateArray());
    }

    [Fact]
    public async Task TheLimitsThemselvesAreAccepted()
    {
        await using var host = await RcsSandboxHost.StartAsync();
        var token = await host.GetAccessTokenAsync();

        // 3072 characters counted as a person counts them: an emoji is one.
        await host.SendAcceptedAsync("+15551260002", JsonSerializer.Serialize(new { contentMessage = new { text = new string('a', 3071) + "😀" } }), token);
        await host.SendAcceptedAsync("+15551260002",
            WithSuggestions(Replies(11)), token);
        await host.SendAcceptedAsync("+15551260002",
            WithSuggestions("[" + Reply(new string('b', 25), new string('c', 2048)) + "]"), token);
        await host.SendAcceptedAsync("+15551260002", JsonSerializer.Serialize(AgentMessageSendTests.Carousel(2, "SMALL")), token);
        await host.SendAcceptedAsync("+15551260002", JsonSerializer.Serialize(AgentMessageSendTests.Carousel(10, "MEDIUM", "TALL")), token);
        await host.SendAcceptedAsync("+15551260002", Card("{\"title\":\"" + new string('t', 200) + "\",\"suggestions\":" + Replies(4) + "}"), token);
    }

    [Theory]
    [InlineData("+15551260003", "", "messageId")]
    [InlineData("+15551260003", "not-a-uuid", "messageId")]
    [InlineData("15551260003", null, "parent")]
    [InlineData("+0123", null, "parent")]
    public async Task TheNumberAndTheMessageIdAreChecked(string msisdn, string? messageId, string field)
    {
        await using var host = await RcsSandboxHost.StartAsync();
        var token = await host.GetAccessTokenAsync();

        using var response = await host.SendAsync(msisdn, RcsSandboxHost.Text("hi"), token, messageId);

        var error = await GoogleErrorAssert.IsAsync(response, 400, "INVALID_ARGUMENT");
        Assert.Equal(field, error.GetProperty("details")[0].GetProperty("fieldViolations")[0].GetProperty("field").GetString());
    }

    [Fact]
    public async Task MissingAgentIdAndMalformedJsonAre400()
    {
        await using var host = await RcsSandboxHost.StartAsync();
        var token = await host.GetAccessTokenAsync();

        using var noAgent = await host.SendAsync("+15551260004", RcsSandboxHost.Text("hi"), token, agentId: null);
        using var malformed = await host.SendAsync("+15551260004", "{\"contentMessage\":", token);

        await GoogleErrorAssert.IsAsync(noAgent, 400, "INVALID_ARGUMENT");
        var error = await GoogleErrorAssert.IsAsync(malformed, 400, "INVALID_ARGUMENT");
        Assert.StartsWith("Invalid JSON payload received.", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }
}
