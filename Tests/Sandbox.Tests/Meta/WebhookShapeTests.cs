using System.Text.Json;
using WhatsAppGenesys.Sandbox.Tests.Meta.Infrastructure;

namespace WhatsAppGenesys.Sandbox.Tests.Meta;

// Every generated webhook must have the field names and nesting of Meta's real payloads (pywa's webhook test
// fixtures). Each expected list is the set of leaf paths of the corresponding real value object; the only
// extra fields allowed are the BSUID ones Meta added in 2026 (from_user_id, recipient_user_id, …).
public sealed class WebhookShapeTests
{
    private const string Customer = "15550700001";
    private const string ParentUserId = "US.ENT.11815799212886844830";

    private static readonly string[] Contact = ["contacts[].parent_user_id", "contacts[].profile.name", "contacts[].user_id", "contacts[].wa_id"];
    private static readonly string[] Message = ["messages[].from", "messages[].id", "messages[].timestamp", "messages[].type"];
    private static readonly string[] Reply = ["messages[].context.from", "messages[].context.id"];
    private static readonly string[] Forwarded = ["messages[].context.forwarded"];
    private static readonly string[] Envelope =
    [
        "object", "entry[].id", "entry[].changes[].field", "entry[].changes[].value.messaging_product",
        "entry[].changes[].value.metadata.display_phone_number", "entry[].changes[].value.metadata.phone_number_id",
    ];
    private static readonly HashSet<string> BsuidExtras =
    [
        "messages[].from_user_id", "messages[].from_parent_user_id", "statuses[].recipient_user_id", "statuses[].recipient_parent_user_id",
    ];

    public static TheoryData<string, string[]> CustomerMessages => new()
    {
        { """{"type":"text","text":"Body Text"}""", [.. Contact, .. Message, "messages[].text.body"] },
        { """{"type":"image","media":{"base64":"AQID"}}""", [.. Contact, .. Message, "messages[].image.id", "messages[].image.mime_type", "messages[].image.sha256"] },
        { """{"type":"video","forwarded":true,"media":{"base64":"AQID","caption":"caption"}}""",
            [.. Contact, .. Message, .. Forwarded, "messages[].video.caption", "messages[].video.id", "messages[].video.mime_type", "messages[].video.sha256"] },
        { """{"type":"document","forwarded":true,"media":{"base64":"AQID","caption":"caption","filename":"filename.pdf"}}""",
            [.. Contact, .. Message, .. Forwarded, "messages[].document.caption", "messages[].document.filename", "messages[].document.id", "messages[].document.mime_type", "messages[].document.sha256"] },
        { """{"type":"voice","media":{"base64":"AQID"}}""", [.. Contact, .. Message, "messages[].audio.id", "messages[].audio.mime_type", "messages[].audio.sha256", "messages[].audio.voice"] },
        { """{"type":"sticker","media":{"base64":"AQID"}}""", [.. Contact, .. Message, "messages[].sticker.animated", "messages[].sticker.id", "messages[].sticker.mime_type", "messages[].sticker.sha256"] },
        { """{"type":"reaction","reaction":{"messageId":"wamid.yzxyzx=","emoji":"😮"}}""", [.. Contact, .. Message, "messages[].reaction.emoji", "messages[].reaction.message_id"] },
        { """{"type":"reaction","reaction":{"messageId":"wamid.yzxyzx="}}""", [.. Contact, .. Message, "messages[].reaction.message_id"] },
        { """{"type":"location","forwarded":true,"location":{"latitude":37.46,"longitude":-122.21,"name":"Facebook HQ","address":"1 Hacker Way","url":"https://maps.google.com/?cid=1"}}""",
            [.. Contact, .. Message, .. Forwarded, "messages[].location.address", "messages[].location.latitude", "messages[].location.longitude", "messages[].location.name", "messages[].location.url"] },
        { """{"type":"text","text":"replied text","contextMessageId":"wamid.xyzxyz=="}""", [.. Contact, .. Message, .. Reply, "messages[].text.body"] },
        { """{"type":"unsupported"}""", [.. Contact, .. Message, "messages[].errors[].code", "messages[].errors[].error_data.details", "messages[].errors[].message", "messages[].errors[].title"] },
        { """{"type":"button_reply","contextMessageId":"wamid.xyzxyz","buttonReply":{"id":"callback_data","title":"title"}}""",
            [.. Contact, .. Message, .. Reply, "messages[].interactive.button_reply.id", "messages[].interactive.button_reply.title", "messages[].interactive.type"] },
        { """{"type":"button","contextMessageId":"wamid.xyzxyz==","button":{"payload":"callback_data","text":"title"}}""",
            [.. Contact, .. Message, .. Reply, "messages[].button.payload", "messages[].button.text"] },
        { """{"type":"list_reply","contextMessageId":"wamid.xyzxyz","listReply":{"id":"callback_data","title":"title","description":"description"}}""",
            [.. Contact, .. Message, .. Reply, "messages[].interactive.list_reply.description", "messages[].interactive.list_reply.id", "messages[].interactive.list_reply.title", "messages[].interactive.type"] },
        { """{"type":"contacts","contacts":[{"name":{"first_name":"Chandler","formatted_name":"Chandler Bing"},"phones":[{"phone":"+1 555-555-5555","wa_id":"15555555555","type":"CELL"}]}]}""",
            [.. Contact, .. Message, "messages[].contacts[].name.first_name", "messages[].contacts[].name.formatted_name", "messages[].contacts[].phones[].phone", "messages[].contacts[].phones[].type", "messages[].contacts[].phones[].wa_id"] },
    };

    [Theory]
    [MemberData(nameof(CustomerMessages))]
    public async Task CustomerMessageWebhookHasMetasShape(string request, string[] expected)
    {
        await using var host = await MetaSandboxHost.StartAsync();
        var body = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(request)!;
        body["parentUserId"] = JsonSerializer.SerializeToElement(ParentUserId);

        await host.CustomerSendsAsync(Customer, body);
        var webhook = (await host.Receiver.WaitForAsync(r => r.Count == 1))[0];

        AssertEnvelope(webhook.Json);
        AssertShape(expected, webhook.Value);
    }

    [Fact]
    public async Task TextWebhookCarriesTheCustomerIdentityAndBusinessMetadata()
    {
        await using var host = await MetaSandboxHost.StartAsync();

        var wamid = await host.CustomerSendsAsync(Customer, new { type = "text", text = "hi", profileName = "Test Name", userId = "US.13491208655302741918" });
        var webhook = (await host.Receiver.WaitForAsync(r => r.Count == 1))[0].Json;

        Assert.Equal("whatsapp_business_account", webhook.GetProperty("object").GetString());
        var entry = webhook.GetProperty("entry")[0];
        Assert.Equal(MetaSandboxHost.WabaId, entry.GetProperty("id").GetString());
        Assert.Equal("messages", entry.GetProperty("changes")[0].GetProperty("field").GetString());
        var value = entry.GetProperty("changes")[0].GetProperty("value");
        Assert.Equal("15550783881", value.GetProperty("metadata").GetProperty("display_phone_number").GetString());
        Assert.Equal(MetaSandboxHost.PhoneNumberId, value.GetProperty("metadata").GetProperty("phone_number_id").GetString());
        var contact = value.GetProperty("contacts")[0];
        Assert.Equal("Test Name", contact.GetProperty("profile").GetProperty("name").GetString());
        Assert.Equal(Customer, contact.GetProperty("wa_id").GetString());
        Assert.Equal("US.13491208655302741918", contact.GetProperty("user_id").GetString());
        var message = value.GetProperty("messages")[0];
        Assert.Equal(Customer, message.GetProperty("from").GetString());
        Assert.Equal("US.13491208655302741918", message.GetProperty("from_user_id").GetString());
        Assert.Equal(wamid, message.GetProperty("id").GetString());
        Assert.Matches("^[0-9]{10}$", message.GetProperty("timestamp").GetString());
    }

    [Fact]
    public async Task UsernameUserWebhookCarriesOnlyBsuidIdentity()
    {
        await using var host = await MetaSandboxHost.StartAsync();

        await host.CustomerSendsAsync(Customer, new { type = "text", text = "Hello World", bsuidOnly = true, username = "kfisher", userId = "US.1234", parentUserId = "US.ENT.5678" });
        var value = (await host.Receiver.WaitForAsync(r => r.Count == 1))[0].Value;

        // Same shape as courier's hello_from_bsuid fixture: no wa_id and no from.
        AssertShape(
            ["contacts[].parent_user_id", "contacts[].profile.name", "contacts[].profile.username", "contacts[].user_id",
             "messages[].from_parent_user_id", "messages[].from_user_id", "messages[].id", "messages[].text.body", "messages[].timestamp", "messages[].type"],
            value, allowExtras: false);
        Assert.Equal("US.1234", value.GetProperty("messages")[0].GetProperty("from_user_id").GetString());
    }

    [Fact]
    public async Task StatusWebhooksHaveMetasShape()
    {
        await using var host = await MetaSandboxHost.StartAsync();
        await host.CustomerSendsAsync(Customer, new { type = "text", text = "hi", parentUserId = ParentUserId });
        await host.CustomerSendsAsync("15550700002", new { type = "text", text = "hi" });
        await host.Client.PostAsync("/sandbox/customers/15550700002/unreachable", null, MetaSandboxHost.Cancellation);

        var delivered = await host.SendAcceptedAsync(MetaSandboxHost.Text(Customer, "hello"));
        var failed = await host.SendAcceptedAsync(MetaSandboxHost.Text("15550700002", "hello"));
        await host.Receiver.WaitForAsync(_ => host.Receiver.StatusesFor(delivered).Count == 3 && host.Receiver.StatusesFor(failed).Count == 1);

        string[] status = ["statuses[].id", "statuses[].recipient_id", "statuses[].status", "statuses[].timestamp"];
        string[] billing = ["statuses[].conversation.id", "statuses[].conversation.origin.type", "statuses[].pricing.billable", "statuses[].pricing.category", "statuses[].pricing.pricing_model"];
        var values = host.Receiver.Accepted.Select(w => w.Value).Where(v => v.TryGetProperty("statuses", out _)).ToList();
        AssertShape([.. Contact, .. status, .. billing, "statuses[].conversation.expiration_timestamp"], ValueFor(values, delivered, "sent"));
        AssertShape([.. Contact, .. status, .. billing], ValueFor(values, delivered, "delivered"));
        // Meta leaves contacts out of failed statuses (BSUID changes, 2026).
        AssertShape([.. status, "statuses[].errors[].code", "statuses[].errors[].error_data.details", "statuses[].errors[].href", "statuses[].errors[].message", "statuses[].errors[].title"],
            ValueFor(values, failed, "failed"));
    }

    private static JsonElement ValueFor(IEnumerable<JsonElement> values, string wamid, string status) =>
        values.Single(v => v.GetProperty("statuses")[0].GetProperty("id").GetString() == wamid &&
                           v.GetProperty("statuses")[0].GetProperty("status").GetString() == status);

    private static void AssertEnvelope(JsonElement envelope)
    {
        var paths = Paths(envelope).Where(p => !p.StartsWith("entry[].changes[].value.", StringComparison.Ordinal) || p.Contains(".metadata.", StringComparison.Ordinal) || p.EndsWith(".messaging_product", StringComparison.Ordinal));
        Assert.Equal(Envelope.Order(), paths.Order());
    }

    private static void AssertShape(IEnumerable<string> expected, JsonElement value, bool allowExtras = true)
    {
        var actual = Paths(value).Where(p => !p.StartsWith("metadata.", StringComparison.Ordinal) && p != "messaging_product").ToHashSet();
        var missing = expected.Except(actual).ToList();
        var extra = actual.Except(expected).Where(p => !allowExtras || !BsuidExtras.Contains(p)).ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0,
            $"missing: [{string.Join(", ", missing)}] unexpected: [{string.Join(", ", extra)}]");
    }

    private static IEnumerable<string> Paths(JsonElement element, string prefix = "") => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Paths(p.Value, prefix.Length == 0 ? p.Name : $"{prefix}.{p.Name}")),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(e => Paths(e, prefix + "[]")).Distinct(),
        _ => [prefix],
    };
}
