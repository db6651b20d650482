using System.Net;
using System.Text.Json.Nodes;
using WhatsAppGenesys.IntegrationTests.Inbound;
using static WhatsAppGenesys.IntegrationTests.Portal.HistoryDesk;

namespace WhatsAppGenesys.IntegrationTests.Portal;

/// <summary>
/// A real conversation, end to end: a customer writes in the Meta sandbox, an agent answers in the Genesys sandbox,
/// and the business reads it back from the portal's history — content, order, provider times, statuses, media.
/// </summary>
[Collection(nameof(ConversationHistoryCollection))]
public sealed class ConversationHistoryTests(AppFixture fixture)
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 7, 7, 7, 42, 42, 42];
    private readonly HistoryDesk _desk = new(fixture);

    [Fact]
    public async Task ACustomersTextImageAndReplyAndTheAgentsAnswerAppearInOrderWithContentTimesAndStatuses()
    {
        var ct = TestContext.Current.CancellationToken;
        using var portal = await _desk.DemoClientAsync(ct);
        var customer = Sandboxes.NewCustomer();
        // Meta's own timestamps (whole seconds), a little in the past so the agent's answer (Genesys's time) comes after them.
        var t0 = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeSeconds());

        var textId = await _desk.Agents.Sandboxes.CustomerSendsAsync(customer,
            new { type = "text", text = "Hello, my parcel never arrived", profileName = "Ada Lovelace", timestamp = UnixSeconds(t0) });
        var imageId = await _desk.Agents.Sandboxes.CustomerSendsAsync(customer,
            new { type = "image", media = new { base64 = Convert.ToBase64String(Png), mimeType = "image/png", caption = "the empty box" }, timestamp = UnixSeconds(t0.AddSeconds(10)) });
        var replyId = await _desk.Agents.Sandboxes.CustomerSendsAsync(customer,
            new { type = "text", text = "See my first message", contextMessageId = textId, timestamp = UnixSeconds(t0.AddSeconds(20)) });
        await _desk.Agents.Sandboxes.WaitForAgentMessagesAsync(customer, 3);
        var genesysConversation = (await _desk.Agents.Sandboxes.ConversationAsync(customer))!["id"]!.GetValue<string>();
        var agentMessageId = await _desk.Agents.AgentSendsAsync(genesysConversation, new { text = "Sorry to hear that, Ada. Let me check." });

        // The agent's message is in the history once Meta accepted it, and its statuses follow (the sandbox reads it).
        var history = await WaitForAsync(portal, CustomerMessages(customer),
            items => items.Count == 4 && items[3]["status"]?.GetValue<string>() == "read", ct);

        Assert.Equal([textId, imageId, replyId], history.Take(3).Select(m => Str(m, "messageId")));
        Assert.All(history.Take(3), m => Assert.Equal("inbound", Str(m, "direction")));
        Assert.Equal([t0, t0.AddSeconds(10), t0.AddSeconds(20)], history.Take(3).Select(m => Time(m)));

        var text = history[0];
        Assert.Equal(("text", "Hello, my parcel never arrived", "Ada Lovelace", customer),
            (Str(text, "type"), Text(text), Str(text, "customerName"), Str(text, "waId")));

        var image = history[1];
        Assert.Equal("image", Str(image, "type"));
        var media = image["media"]!.AsObject();
        Assert.Equal(("image/png", "the empty box"), (Str(media, "mimeType"), Str(media, "caption")));
        // The link is made for this read, short-lived, and serves the very bytes the customer sent.
        Assert.True(Time(media, "urlExpiresAt") < DateTimeOffset.UtcNow.AddHours(1));
        using (var download = new HttpClient())
        {
            Assert.Equal(Png, await download.GetByteArrayAsync(Str(media, "url"), ct));
        }

        Assert.Equal(textId, Str(history[2], "replyToMessageId"));

        var answer = history[3];
        Assert.Equal(("outbound", "text", "Sorry to hear that, Ada. Let me check.", agentMessageId),
            (Str(answer, "direction"), Str(answer, "type"), Text(answer), Str(answer, "genesysMessageId")));
        Assert.StartsWith("wamid.", Str(answer, "messageId"));
        Assert.True(Time(answer) > t0.AddSeconds(20), "Genesys's time of the answer comes after the customer's messages.");
        Assert.NotNull(answer["agent"]);
        var statuses = answer["statuses"]!.AsArray().Select(s => s!["status"]!.GetValue<string>()).ToList();
        Assert.Equal(["sent", "delivered", "read"], statuses);
        Assert.Equal("read", Str(answer, "status"));

        // The same conversation, by its id: the same messages in the same order.
        var conversationId = Str(text, "conversationId");
        Assert.All(history, m => Assert.Equal(conversationId, Str(m, "conversationId")));
        var (status, page) = await GetAsync(portal, $"/api/v1/portal/conversations/{conversationId}/messages", ct);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(history.Select(m => Str(m, "messageId")), Items(page!).Select(m => Str(m, "messageId")));
    }

    [Fact]
    public async Task CursorPagingWalksEveryMessageOnceInOrderAcrossPages()
    {
        var ct = TestContext.Current.CancellationToken;
        using var portal = await _desk.DemoClientAsync(ct);
        var customer = Sandboxes.NewCustomer();
        // Two messages share a second: the row id breaks the tie, so neither is skipped or repeated at a page boundary.
        var t0 = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddMinutes(-10).ToUnixTimeSeconds());
        long[] offsets = [0, 1, 1, 2, 3];
        var sent = new List<string>();
        for (var i = 0; i < offsets.Length; i++)
        {
            sent.Add(await _desk.Agents.Sandboxes.CustomerSendsAsync(customer,
                new { type = "text", text = $"message {i}", timestamp = UnixSeconds(t0.AddSeconds(offsets[i])) }));
        }
        await WaitForAsync(portal, CustomerMessages(customer), items => items.Count == offsets.Length, ct);

        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var url = CustomerMessages(customer, limit: 2) + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}");
            var (status, page) = await GetAsync(portal, url, ct);
            Assert.Equal(HttpStatusCode.OK, status);
            seen.AddRange(Items(page!).Select(m => Str(m, "messageId")));
            cursor = page!["nextCursor"]?.GetValue<string>();
            pages++;
        }
        while (cursor is not null && pages < 10);

        Assert.Equal(3, pages);
        Assert.Equal(sent, seen);
    }

    [Fact]
    public async Task SearchFindsWordsInTextAndCaptionsAndNarrowsByDateAndCustomer()
    {
        var ct = TestContext.Current.CancellationToken;
        using var portal = await _desk.DemoClientAsync(ct);
        var customer = Sandboxes.NewCustomer();
        var word = $"zebra{Random.Shared.Next(100_000, 999_999)}";
        var now = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        var old = await _desk.Agents.Sandboxes.CustomerSendsAsync(customer,
            new { type = "text", text = $"Where is my refund for the {word.ToUpperInvariant()} order?", timestamp = UnixSeconds(now.AddDays(-2)) });
        var recent = await _desk.Agents.Sandboxes.CustomerSendsAsync(customer,
            new { type = "image", media = new { base64 = Convert.ToBase64String(Png), mimeType = "image/png", caption = $"photo of the {word} label" }, timestamp = UnixSeconds(now.AddMinutes(-1)) });
        await _desk.Agents.Sandboxes.CustomerSendsAsync(customer, new { type = "text", text = "Unrelated words", timestamp = UnixSeconds(now) });
        await WaitForAsync(portal, CustomerMessages(customer), items => items.Count == 3, ct);
        var dayAgo = Uri.EscapeDataString(now.AddDays(-1).ToString("O"));

        // Case-insensitive substring, in text and captions, newest first.
        Assert.Equal([recent, old], await SearchAsync(portal, $"text={word}", ct));
        Assert.Equal([recent], await SearchAsync(portal, $"text={word}&from={dayAgo}", ct));
        Assert.Equal([old], await SearchAsync(portal, $"customer=%2B{customer}&to={dayAgo}", ct));
        Assert.Empty(await SearchAsync(portal, $"text={word}&customer={Sandboxes.NewCustomer()}", ct));
        // A date alone is midnight UTC: the old message's day holds it, the day after it does not.
        var oldDay = now.AddDays(-2).UtcDateTime.Date;
        Assert.Equal([old], await SearchAsync(portal, $"customer={customer}&from={oldDay:yyyy-MM-dd}&to={oldDay.AddDays(1):yyyy-MM-dd}", ct));
    }

    private static async Task<List<string>> SearchAsync(HttpClient portal, string query, CancellationToken ct)
    {
        var (status, page) = await GetAsync(portal, $"/api/v1/portal/messages?{query}", ct);
        Assert.Equal(HttpStatusCode.OK, status);
        return Items(page!).Select(m => Str(m, "messageId")).ToList();
    }

    [Theory]
    [InlineData("/api/v1/portal/customers/15550000000/messages?cursor=not-a-cursor", "cursor")]
    [InlineData("/api/v1/portal/customers/15550000000/messages?limit=0", "limit")]
    [InlineData("/api/v1/portal/customers/not%20a%20customer/messages", "customer")]
    [InlineData("/api/v1/portal/conversations/not-a-uuid/messages", "conversationId")]
    [InlineData("/api/v1/portal/messages?from=yesterday", "from")]
    [InlineData("/api/v1/portal/messages?from=2026-03-02&to=2026-03-01", "to")]
    [InlineData("/api/v1/portal/messages?cursor=AQ", "cursor")]
    public async Task BadCursorsDatesAndIdsAreClear400s(string url, string field)
    {
        var ct = TestContext.Current.CancellationToken;
        using var portal = await _desk.DemoClientAsync(ct);

        var (status, problem) = await GetAsync(portal, url, ct);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(field, problem!["errors"]!.AsObject().Select(e => e.Key));
    }
}
