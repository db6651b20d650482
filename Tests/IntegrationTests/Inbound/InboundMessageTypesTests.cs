using System.Text.Json.Nodes;

namespace WhatsAppGenesys.IntegrationTests.Inbound;

/// <summary>
/// Every inbound type reaches the agent as something readable. The exact bodies are pinned by
/// the mapper's unit tests; here each type goes through the running system and the Genesys sandbox's validation.
/// </summary>
public class InboundMessageTypesTests(AppFixture fixture)
{
    private static readonly string Pixel = Convert.ToBase64String([0x89, 0x50, 0x4E, 0x47, 1, 2, 3, 4, 5, 6, 7, 8]);

    public static TheoryData<string, string, string?> Cases => new()
    {
        // name, customer message (JSON), expected text fragment | attachment mediaType prefixed with '@'
        { "location", """{"type":"location","location":{"latitude":52.52,"longitude":13.405,"name":"Brandenburg Gate","address":"Pariser Platz"}}""", "Brandenburg Gate" },
        { "contacts", """{"type":"contacts","contacts":[{"name":{"formatted_name":"Grace Hopper","first_name":"Grace"},"phones":[{"phone":"+15550100","type":"CELL"}]}]}""", "Grace Hopper" },
        { "button reply", """{"type":"button_reply","buttonReply":{"id":"yes-1","title":"Yes please"}}""", "Yes please" },
        { "list reply", """{"type":"list_reply","listReply":{"id":"row-2","title":"Billing","description":"Invoices"}}""", "Billing" },
        { "template quick reply", """{"type":"button","button":{"payload":"STOP","text":"Unsubscribe"}}""", "Unsubscribe" },
        { "unsupported", """{"type":"unsupported","unsupportedType":"poll"}""", null },
        { "video", $$$"""{"type":"video","media":{"base64":"{{{Pixel}}}","mimeType":"video/mp4","caption":"clip"}}""", "@Video" },
        { "audio", $$$"""{"type":"audio","media":{"base64":"{{{Pixel}}}","mimeType":"audio/mpeg"}}""", "@Audio" },
        { "voice", $$$"""{"type":"voice","media":{"base64":"{{{Pixel}}}","mimeType":"audio/ogg; codecs=opus"}}""", "@Audio" },
        { "document", $$$"""{"type":"document","media":{"base64":"{{{Pixel}}}","mimeType":"application/pdf","filename":"invoice.pdf","caption":"my invoice"}}""", "@File" },
        { "sticker", $$$"""{"type":"sticker","media":{"base64":"{{{Pixel}}}","mimeType":"image/webp"}}""", "@Image" },
        { "hostile text", """{"type":"text","text":"'; DROP TABLE tenants; -- <script>alert(1)</script> ../../etc/passwd"}""", "<script>alert(1)</script>" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task EveryInboundTypeReachesTheAgentReadably(string name, string message, string? expected)
    {
        var sandboxes = new Sandboxes(fixture);
        var customer = Sandboxes.NewCustomer();

        var wamid = await sandboxes.CustomerSendsAsync(customer, JsonNode.Parse(message)!);

        var received = Assert.Single(await sandboxes.WaitForAgentMessagesAsync(customer, 1));
        Assert.Equal(wamid, Sandboxes.ChannelMessageId(received));
        var text = Sandboxes.Text(received);
        if (expected is ['@', .. var mediaType])
        {
            var content = received["content"]!.AsArray()[0]!;
            Assert.Equal(mediaType, content["attachment"]!["mediaType"]!.GetValue<string>());
            Assert.True(content["fetch"]!["succeeded"]!.GetValue<bool>(), $"{name}: Genesys could not fetch the media");
        }
        else
        {
            Assert.False(string.IsNullOrWhiteSpace(text), $"{name} reached the agent without text");
            if (expected is not null)
            {
                Assert.Contains(expected, text, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task ReactionAndItsRemovalReachTheAgent()
    {
        var sandboxes = new Sandboxes(fixture);
        var customer = Sandboxes.NewCustomer();
        var original = await sandboxes.CustomerSendsAsync(customer, new { type = "text", text = "my order is late" });

        await sandboxes.CustomerSendsAsync(customer, new { type = "reaction", reaction = new { messageId = original, emoji = "👍" } });
        await sandboxes.CustomerSendsAsync(customer, new { type = "reaction", reaction = new { messageId = original } });

        var received = await sandboxes.WaitForAgentMessagesAsync(customer, 3);
        Assert.Contains("👍", Sandboxes.Text(received[1]), StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(Sandboxes.Text(received[2])));
        Assert.NotEqual(Sandboxes.Text(received[1]), Sandboxes.Text(received[2]));
    }

    [Fact]
    public async Task ReplyKeepsTheQuotedMessageInMetadata()
    {
        var sandboxes = new Sandboxes(fixture);
        var customer = Sandboxes.NewCustomer();
        var original = await sandboxes.CustomerSendsAsync(customer, new { type = "text", text = "first" });

        await sandboxes.CustomerSendsAsync(customer, new { type = "text", text = "answering that", contextMessageId = original });

        var reply = (await sandboxes.WaitForAgentMessagesAsync(customer, 2))[1];
        Assert.Contains("answering that", Sandboxes.Text(reply), StringComparison.Ordinal);
        Assert.Contains(original, reply.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UsernameOnlyCustomerWithoutPhoneNumberReachesTheAgentByBsuid()
    {
        var sandboxes = new Sandboxes(fixture);
        var bsuid = "US." + Random.Shared.NextInt64(1_000_000_000_000, 9_999_999_999_999);

        await sandboxes.CustomerSendsAsync(bsuid, new { type = "text", text = "no phone here", bsuidOnly = true, userId = bsuid, username = "ada" });

        var received = Assert.Single(await sandboxes.WaitForAgentMessagesAsync(bsuid, 1));
        Assert.Equal("no phone here", Sandboxes.Text(received));
        var conversation = (await sandboxes.ConversationAsync(bsuid))!;
        Assert.Equal("Opaque", conversation["customer"]!["idType"]!.GetValue<string>());
    }
}
