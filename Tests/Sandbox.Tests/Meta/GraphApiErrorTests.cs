using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WhatsAppGenesys.Sandbox.Tests.Meta.Infrastructure;

namespace WhatsAppGenesys.Sandbox.Tests.Meta;

public sealed class GraphApiErrorTests
{
    private const string Customer = "15550200001";

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-token")]
    public async Task MissingOrWrongTokenAnswers401WithCode190(string? token)
    {
        await using var host = await MetaSandboxHost.StartAsync();

        var response = await host.SendAsync(MetaSandboxHost.Text(Customer, "hi"), token);

        var error = await GraphAssert.ErrorAsync(response, HttpStatusCode.Unauthorized, 190);
        Assert.Equal("OAuthException", error.GetProperty("type").GetString());
    }

    [Fact]
    public async Task TokenOfAnotherBusinessAnswers190ForThisPhoneNumber()
    {
        await using var host = await MetaSandboxHost.StartAsync();
        var registered = await host.Client.PostAsJsonAsync("/sandbox/businesses", new
        {
            wabaId = "200000000000001",
            phoneNumberIds = new[] { "300000000000001" },
            displayPhoneNumber = "+15550000001",
            accessToken = "other-business-token",
            appSecret = "other-secret",
            verifyToken = "other-verify",
            webhookUrl = host.Receiver.Url,
        }, MetaSandboxHost.Cancellation);
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);

        var response = await host.SendAsync(MetaSandboxHost.Text(Customer, "hi"), "other-business-token");

        await GraphAssert.ErrorAsync(response, HttpStatusCode.Unauthorized, 190);
    }

    public static TheoryData<string, int> InvalidBodies => new()
    {
        // Top-level request parameters: 100.
        { """{"to":"15550200001","type":"text","text":{"body":"hi"}}""", 100 },
        { """{"messaging_product":"sms","to":"15550200001","type":"text","text":{"body":"hi"}}""", 100 },
        { """{"messaging_product":"whatsapp","type":"text","text":{"body":"hi"}}""", 100 },
        { """{"messaging_product":"whatsapp","to":"15550200001","type":"fax","fax":{}}""", 100 },
        { "not json", 100 },
        { $$$"""{"messaging_product":"whatsapp","to":"15550200001","type":"text","text":{"body":"{{{new string('x', 4097)}}}"}}""", 100 },
        { """{"messaging_product":"whatsapp","to":"15550200001","type":"audio","audio":{"link":"https://example.com/a.ogg","caption":"no"}}""", 100 },
        { """{"messaging_product":"whatsapp","to":"15550200001","type":"sticker","sticker":{"link":"https://example.com/s.webp","caption":"no"}}""", 100 },
        // Missing message content: 131008.
        { """{"messaging_product":"whatsapp","to":"15550200001","type":"text"}""", 131008 },
        { """{"messaging_product":"whatsapp","to":"15550200001","type":"text","text":{}}""", 131008 },
        { """{"messaging_product":"whatsapp","to":"15550200001","type":"image","image":{"caption":"x"}}""", 131008 },
        { """{"messaging_product":"whatsapp","to":"15550200001","type":"template","template":{"language":{"code":"en_US"}}}""", 131008 },
        { """{"messaging_product":"whatsapp","to":"15550200001","type":"template","template":{"name":"hello_world"}}""", 131008 },
        { """{"messaging_product":"whatsapp","to":"15550200001","type":"template","template":{"name":"t","language":{"code":"en"},"components":[{"type":"body","parameters":[{"type":"text"}]}]}}""", 131008 },
        { """{"messaging_product":"whatsapp","to":"15550200001","type":"reaction","reaction":{"emoji":"👍"}}""", 131008 },
        { """{"messaging_product":"whatsapp","to":"15550200001","type":"location","location":{"latitude":1}}""", 131008 },
        // Content out of range: 131009.
        { Buttons(4, "Yes"), 131009 },
        { Buttons(1, new string('t', 21)), 131009 },
        { List(11, "Row"), 131009 },
        { List(2, new string('r', 25)), 131009 },
        { """{"messaging_product":"whatsapp","to":"15550200001","type":"interactive","interactive":{"type":"button","body":{"text":""" + "\"" + new string('b', 1025) + "\"" + """},"action":{"buttons":[{"type":"reply","reply":{"id":"1","title":"Ok"}}]}}}""", 131009 },
        { """{"messaging_product":"whatsapp","to":"15550200001","type":"image","image":{"id":"123456789012345"}}""", 131009 },
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task InvalidSendAnswers400WithMetasCode(string body, int code)
    {
        await using var host = await MetaSandboxHost.StartAsync();

        var response = await host.SendRawAsync(body);

        await GraphAssert.ErrorAsync(response, HttpStatusCode.BadRequest, code);
        Assert.Equal(0, (await host.GetJsonAsync($"/sandbox/customers/{Customer}/messages")).GetArrayLength());
    }

    [Fact]
    public async Task ButtonTitleOverTwentyCharactersIsExplained()
    {
        await using var host = await MetaSandboxHost.StartAsync();

        var response = await host.SendRawAsync(Buttons(1, new string('t', 21)));

        var error = await GraphAssert.ErrorAsync(response, HttpStatusCode.BadRequest, 131009);
        Assert.Equal("(#131009) Parameter value is not valid", error.GetProperty("message").GetString());
        Assert.Equal("Button title length invalid. Min length: 1, Max length: 20",
            error.GetProperty("error_data").GetProperty("details").GetString());
    }

    [Fact]
    public async Task UploadedOpusAudioAnswers131053WithMetasText()
    {
        await using var host = await MetaSandboxHost.StartAsync();
        await host.CustomerSendsAsync(Customer, new { type = "text", text = "hi" });
        using var form = new MultipartFormDataContent
        {
            { new StringContent("whatsapp"), "messaging_product" },
            { new StringContent("audio/opus"), "type" },
            { new ByteArrayContent([1, 2, 3]), "file", "voice.opus" },
        };
        using var upload = new HttpRequestMessage(HttpMethod.Post, $"/{MetaSandboxHost.Version}/{MetaSandboxHost.PhoneNumberId}/media") { Content = form };
        upload.Headers.Authorization = new("Bearer", MetaSandboxHost.AccessToken);
        var uploaded = await (await host.Client.SendAsync(upload, MetaSandboxHost.Cancellation)).Content.ReadFromJsonAsync<JsonElement>(MetaSandboxHost.Cancellation);

        var response = await host.SendAsync(new
        {
            messaging_product = "whatsapp", to = Customer, type = "audio",
            audio = new { id = uploaded.GetProperty("id").GetString() },
        });

        var error = await GraphAssert.ErrorAsync(response, HttpStatusCode.BadRequest, 131053);
        Assert.Equal("Unsupported Audio mime type audio/opus. Please use one of audio/ogg; codecs=opus, audio/mpeg, audio/amr, audio/mp4, audio/aac.",
            error.GetProperty("error_data").GetProperty("details").GetString());
    }

    [Fact]
    public async Task FreeFormOutsideTheWindowAnswers131047WhenReportedSynchronously()
    {
        await using var host = await MetaSandboxHost.StartAsync(new() { ["MetaSandbox:PolicyErrorDelivery"] = "Response" });
        var longAgo = DateTimeOffset.UtcNow.AddHours(-25).ToUnixTimeSeconds();
        await host.CustomerSendsAsync(Customer, new { type = "text", text = "hello", timestamp = longAgo });

        var freeForm = await host.SendAsync(MetaSandboxHost.Text(Customer, "are you there?"));
        var template = await host.SendAsync(new
        {
            messaging_product = "whatsapp", to = Customer, type = "template",
            template = new { name = "follow_up", language = new { code = "en_US" } },
        });

        var error = await GraphAssert.ErrorAsync(freeForm, HttpStatusCode.BadRequest, 131047);
        Assert.Equal("(#131047) Re-engagement message", error.GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.OK, template.StatusCode);
    }

    [Fact]
    public async Task WindowClosesTwentyFourHoursAfterTheLastInboundMessage()
    {
        await using var host = await MetaSandboxHost.StartAsync(new() { ["MetaSandbox:PolicyErrorDelivery"] = "Response" });
        await host.CustomerSendsAsync(Customer, new { type = "text", text = "hello" });

        var inside = await host.SendAsync(MetaSandboxHost.Text(Customer, "inside the window"));
        host.Time.Advance(TimeSpan.FromHours(24) + TimeSpan.FromSeconds(1));
        var outside = await host.SendAsync(MetaSandboxHost.Text(Customer, "outside the window"));

        Assert.Equal(HttpStatusCode.OK, inside.StatusCode);
        await GraphAssert.ErrorAsync(outside, HttpStatusCode.BadRequest, 131047);
    }

    [Fact]
    public async Task OverThePerNumberThroughputAnswers130429()
    {
        await using var host = await MetaSandboxHost.StartAsync(new() { ["MetaSandbox:MessagesPerSecond"] = "3" });
        await host.CustomerSendsAsync(Customer, new { type = "text", text = "hello" });

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => host.SendAsync(MetaSandboxHost.Text(Customer, $"m{i}"))));

        var limited = responses.Where(r => r.StatusCode == HttpStatusCode.BadRequest).ToList();
        Assert.InRange(responses.Count(r => r.IsSuccessStatusCode), 3, 6);
        Assert.NotEmpty(limited);
        var error = await GraphAssert.ErrorAsync(limited[0], HttpStatusCode.BadRequest, 130429);
        Assert.Equal("(#130429) Rate limit hit", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task UnreachableCustomerAnswers131026WhenReportedSynchronously()
    {
        await using var host = await MetaSandboxHost.StartAsync();
        await host.CustomerSendsAsync(Customer, new { type = "text", text = "hello" });
        await host.Client.PostAsJsonAsync($"/sandbox/customers/{Customer}/unreachable", new { delivery = "response" }, MetaSandboxHost.Cancellation);

        var response = await host.SendAsync(MetaSandboxHost.Text(Customer, "hi"));

        await GraphAssert.ErrorAsync(response, HttpStatusCode.BadRequest, 131026);
    }

    [Fact]
    public async Task FaultRuleAnswersInMetasShapeForItsCountThenClears()
    {
        await using var host = await MetaSandboxHost.StartAsync();
        await host.CustomerSendsAsync(Customer, new { type = "text", text = "hello" });
        var fault = await host.Client.PostAsJsonAsync("/sandbox/faults",
            new { path = "/v*/*/messages", status = 503, count = 2, retryAfterSeconds = 2 }, MetaSandboxHost.Cancellation);
        Assert.Equal(HttpStatusCode.Created, fault.StatusCode);

        var first = await host.SendAsync(MetaSandboxHost.Text(Customer, "1"));
        var second = await host.SendAsync(MetaSandboxHost.Text(Customer, "2"));
        var third = await host.SendAsync(MetaSandboxHost.Text(Customer, "3"));
        await host.Client.PostAsJsonAsync("/sandbox/faults", new { errorCode = 130429 }, MetaSandboxHost.Cancellation);
        var limited = await host.SendAsync(MetaSandboxHost.Text(Customer, "4"));
        await host.Client.DeleteAsync("/sandbox/faults", MetaSandboxHost.Cancellation);
        var cleared = await host.SendAsync(MetaSandboxHost.Text(Customer, "5"));

        await GraphAssert.ErrorAsync(first, HttpStatusCode.ServiceUnavailable, 2);
        Assert.Equal("2", first.Headers.RetryAfter?.ToString());
        await GraphAssert.ErrorAsync(second, HttpStatusCode.ServiceUnavailable, 2);
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
        await GraphAssert.ErrorAsync(limited, HttpStatusCode.BadRequest, 130429);
        Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
    }

    [Fact]
    public async Task FaultForOneRecipientLeavesEveryoneElsesSendsAloneUntilRemoved()
    {
        await using var host = await MetaSandboxHost.StartAsync();
        const string other = "15550200002";
        await host.CustomerSendsAsync(Customer, new { type = "text", text = "hello" });
        await host.CustomerSendsAsync(other, new { type = "text", text = "hello" });
        using var fault = await host.Client.PostAsJsonAsync("/sandbox/faults",
            new { path = "/v*/*/messages", method = "POST", status = 500, to = "+" + Customer }, MetaSandboxHost.Cancellation);
        var rule = await fault.Content.ReadFromJsonAsync<JsonElement>(MetaSandboxHost.Cancellation);

        var refused = await host.SendAsync(MetaSandboxHost.Text(Customer, "1"));
        var someoneElse = await host.SendAsync(MetaSandboxHost.Text(other, "2"));
        var removed = await host.Client.DeleteAsync($"/sandbox/faults/{rule.GetProperty("id").GetString()}", MetaSandboxHost.Cancellation);
        var afterwards = await host.SendAsync(MetaSandboxHost.Text(Customer, "3"));

        Assert.Equal("+" + Customer, rule.GetProperty("to").GetString());
        Assert.Equal(HttpStatusCode.InternalServerError, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, someoneElse.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, afterwards.StatusCode);
    }

    [Fact]
    public async Task ResponseLatencyHoldsTheAnswerWhileTheSendsStatusesAreAlreadyOnTheirWay()
    {
        await using var host = await MetaSandboxHost.StartAsync();
        await host.CustomerSendsAsync(Customer, new { type = "text", text = "hello" });
        await host.Client.PostAsJsonAsync("/sandbox/faults",
            new { path = "/v*/*/messages", method = "POST", responseLatencyMs = 1500, count = 1 }, MetaSandboxHost.Cancellation);

        var started = System.Diagnostics.Stopwatch.StartNew();
        var wamid = await host.SendAcceptedAsync(MetaSandboxHost.Text(Customer, "slow answer"));

        Assert.True(started.Elapsed >= TimeSpan.FromMilliseconds(1400), $"answered after {started.Elapsed}");
        // The statuses (50, 100 and 150 ms after acceptance) reached the webhook before the sender saw its wamid.
        Assert.Equal(["sent", "delivered", "read"], host.Receiver.StatusesFor(wamid).Select(s => s.GetProperty("status").GetString()));
    }

    private static string Buttons(int count, string title) => JsonSerializer.Serialize(new
    {
        messaging_product = "whatsapp", to = Customer, type = "interactive",
        interactive = new
        {
            type = "button",
            body = new { text = "Pick one" },
            action = new { buttons = Enumerable.Range(0, count).Select(i => new { type = "reply", reply = new { id = $"b{i}", title = count == 1 ? title : $"{title}{i}" } }) },
        },
    });

    private static string List(int rows, string title) => JsonSerializer.Serialize(new
    {
        messaging_product = "whatsapp", to = Customer, type = "interactive",
        interactive = new
        {
            type = "list",
            body = new { text = "Choose" },
            action = new
            {
                button = "Options",
                sections = new[] { new { title = "All", rows = Enumerable.Range(0, rows).Select(i => new { id = $"r{i}", title = rows <= 2 ? title + i : $"{title}{i}" }) } },
            },
        },
    });
}
