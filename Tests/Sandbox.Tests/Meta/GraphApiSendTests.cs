using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WhatsAppGenesys.Sandbox.Tests.Meta.Infrastructure;

namespace WhatsAppGenesys.Sandbox.Tests.Meta;

public sealed class GraphApiSendTests
{
    private const string Customer = "15550300001";

    [Fact]
    public async Task AcceptedTextAnswersMetasSuccessShape()
    {
        await using var host = await MetaSandboxHost.StartAsync();
        await host.CustomerSendsAsync(Customer, new { type = "text", text = "hello" });

        var response = await host.SendAsync(MetaSandboxHost.Text("+1 555-030-0001", "Hi there"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>(MetaSandboxHost.Cancellation);
        Assert.Equal("whatsapp", json.GetProperty("messaging_product").GetString());
        var contact = Assert.Single(json.GetProperty("contacts").EnumerateArray().ToList());
        Assert.Equal("+1 555-030-0001", contact.GetProperty("input").GetString());
        Assert.Equal(Customer, contact.GetProperty("wa_id").GetString());
        var message = Assert.Single(json.GetProperty("messages").EnumerateArray().ToList());
        Assert.StartsWith("wamid.", message.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.False(message.TryGetProperty("message_status", out _));
    }

    [Fact]
    public async Task TemplateIsAcceptedOutsideTheWindowWithMessageStatusAccepted()
    {
        await using var host = await MetaSandboxHost.StartAsync();

        var response = await host.SendAsync(new
        {
            messaging_product = "whatsapp", recipient_type = "individual", to = Customer, type = "template",
            template = new
            {
                name = "utility_af",
                language = new { code = "en_us" },
                components = new object[]
                {
                    new { type = "body", parameters = new[] { new { type = "text", text = "12CR007" } } },
                    new { type = "button", sub_type = "quick_reply", index = 0, parameters = new[] { new { type = "payload", payload = "STOP" } } },
                },
            },
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>(MetaSandboxHost.Cancellation);
        Assert.Equal("accepted", json.GetProperty("messages")[0].GetProperty("message_status").GetString());
    }

    [Fact]
    public async Task InteractiveReactionLocationAndContactsAreAccepted()
    {
        await using var host = await MetaSandboxHost.StartAsync();
        var inbound = await host.CustomerSendsAsync(Customer, new { type = "text", text = "hello" });
        var imageLink = host.Receiver.ServeFile("a.jpg", [0xFF, 0xD8, 0xFF, 0xD9], "image/jpeg");
        object[] bodies =
        [
            new
            {
                messaging_product = "whatsapp", to = Customer, type = "interactive",
                interactive = new
                {
                    type = "button", body = new { text = "Pick" }, footer = new { text = "footer" },
                    action = new { buttons = new[] { new { type = "reply", reply = new { id = "y", title = "Yes" } }, new { type = "reply", reply = new { id = "n", title = "No" } } } },
                },
            },
            new
            {
                messaging_product = "whatsapp", to = Customer, type = "interactive",
                interactive = new
                {
                    type = "list", body = new { text = "Choose" },
                    action = new { button = "Menu", sections = new[] { new { title = "S", rows = new[] { new { id = "r1", title = "Row one", description = "d" } } } } },
                },
            },
            new { messaging_product = "whatsapp", to = Customer, type = "reaction", reaction = new { message_id = inbound, emoji = "👍" } },
            new { messaging_product = "whatsapp", to = Customer, type = "reaction", reaction = new { message_id = inbound, emoji = "" } },
            new { messaging_product = "whatsapp", to = Customer, type = "location", location = new { latitude = 52.37, longitude = 4.89, name = "Dam" } },
            new { messaging_product = "whatsapp", to = Customer, type = "contacts", contacts = new[] { new { name = new { formatted_name = "Ann Lee", first_name = "Ann" } } } },
            new { messaging_product = "whatsapp", to = Customer, type = "image", image = new { link = imageLink, caption = "c" }, context = new { message_id = inbound } },
        ];

        foreach (var body in bodies)
        {
            var response = await host.SendAsync(body);
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(MetaSandboxHost.Cancellation));
        }
    }

    [Fact]
    public async Task MarkAsReadWithTypingIndicatorAnswersSuccessAndIsRecorded()
    {
        await using var host = await MetaSandboxHost.StartAsync();
        var inbound = await host.CustomerSendsAsync(Customer, new { type = "text", text = "hello" });

        var response = await host.SendAsync(new
        {
            messaging_product = "whatsapp", status = "read", message_id = inbound, typing_indicator = new { type = "text" },
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"success":true}""", await response.Content.ReadAsStringAsync(MetaSandboxHost.Cancellation));
        var customer = await host.GetJsonAsync($"/sandbox/customers/{Customer}");
        var record = customer.GetProperty("inbound")[0];
        Assert.Equal(inbound, record.GetProperty("wamid").GetString());
        Assert.True(record.GetProperty("readByBusiness").GetBoolean());
        Assert.True(record.GetProperty("typingIndicatorShown").GetBoolean());
        // Mark-as-read is not a message to the customer.
        Assert.Equal(0, (await host.GetJsonAsync($"/sandbox/customers/{Customer}/messages")).GetArrayLength());
    }

    [Fact]
    public async Task SendingToABsuidAnswersWithUserId()
    {
        await using var host = await MetaSandboxHost.StartAsync();
        await host.CustomerSendsAsync("US.1234567890123", new { type = "text", text = "hi", username = "kfisher" });

        var response = await host.SendAsync(new
        {
            messaging_product = "whatsapp", recipient_type = "individual", recipient = "US.1234567890123", type = "text", text = new { body = "hello" },
        });

        var json = await response.Content.ReadFromJsonAsync<JsonElement>(MetaSandboxHost.Cancellation);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var contact = json.GetProperty("contacts")[0];
        Assert.Equal("US.1234567890123", contact.GetProperty("input").GetString());
        Assert.Equal("US.1234567890123", contact.GetProperty("user_id").GetString());
        Assert.False(contact.TryGetProperty("wa_id", out _));
    }

    [Fact]
    public async Task CustomerMessagesListWhatTheBusinessSentInOrderWithBodiesAndStatus()
    {
        await using var host = await MetaSandboxHost.StartAsync();
        await host.CustomerSendsAsync(Customer, new { type = "text", text = "hello" });

        var first = await host.SendAcceptedAsync(MetaSandboxHost.Text(Customer, "one 🎉"));
        var second = await host.SendAcceptedAsync(MetaSandboxHost.Text(Customer, "two"));
        await host.Receiver.WaitForAsync(_ => host.Receiver.StatusesFor(second).Any(s => s.GetProperty("status").GetString() == "read"));

        var messages = (await host.GetJsonAsync($"/sandbox/customers/{Customer}/messages")).EnumerateArray().ToList();
        Assert.Equal([first, second], messages.Select(m => m.GetProperty("wamid").GetString()));
        Assert.Equal("one 🎉", messages[0].GetProperty("body").GetProperty("text").GetProperty("body").GetString());
        Assert.Equal("read", messages[1].GetProperty("status").GetString());
        Assert.Equal(["sent", "delivered", "read"], messages[1].GetProperty("statuses").EnumerateArray().Select(s => s.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task AnyGraphVersionIsServed()
    {
        await using var host = await MetaSandboxHost.StartAsync();
        await host.CustomerSendsAsync(Customer, new { type = "text", text = "hello" });

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v25.0/{MetaSandboxHost.PhoneNumberId}/messages")
        {
            Content = JsonContent.Create(MetaSandboxHost.Text(Customer, "hi")),
        };
        request.Headers.Authorization = new("Bearer", MetaSandboxHost.AccessToken);
        var response = await host.Client.SendAsync(request, MetaSandboxHost.Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
