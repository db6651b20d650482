using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using WhatsAppGenesys.IntegrationTests.Inbound;

namespace WhatsAppGenesys.IntegrationTests.Gateway;

/// <summary>What is reachable through the gateway, and that it arrives intact.</summary>
public sealed class GatewayRoutingTests(AppFixture fixture)
{
    private readonly GatewayHarness _gateway = new(fixture);
    private readonly Sandboxes _sandboxes = new(fixture);

    public static TheoryData<string, string> InternalRoutes => new()
    {
        { "POST", "/internal/api-keys/verify" },
        { "GET", "/internal/tenants/demo" },
        { "GET", "/internal/tenants/demo/credentials/whatsapp" },
        { "GET", "/internal/tenants/by-phone-number/106540352242922" },
        { "GET", "/state/mapping/15550001111" },
        { "POST", "/state/message" },
        { "GET", "/auth/token" },
        { "GET", "/auth/whatsapp/token" },
        { "POST", "/genesys/messages/inbound" },
        { "POST", "/whatsapp/messages" },
        { "GET", "/admin/pipelines/some-other-pipeline/queues" },
        { "GET", "/INTERNAL/tenants/demo" },
    };

    [Theory]
    [MemberData(nameof(InternalRoutes))]
    public async Task InternalRoutesAreNotFoundEvenWithTheOperatorKey(string method, string path)
    {
        using var admin = _gateway.Operator();

        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
        {
            request.Content = JsonContent.Create(new { apiKey = "wag_x", tenantId = "demo" });
        }
        using var response = await admin.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task EncodedSlashesCannotClimbOutOfATenantRoute()
    {
        var ct = TestContext.Current.CancellationToken;
        var (tenantId, key) = await _gateway.CreateTenantWithKeyAsync(ct);
        using var tenant = _gateway.Client(key);

        using var response = await tenant.GetAsync($"/api/tenants/{tenantId}%2F..%2F..%2Finternal%2Ftenants%2Fdemo", ct);

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("phoneNumberIds", await response.Content.ReadAsStringAsync(ct));
    }

    [Fact]
    public async Task MetaWebhookThroughTheGatewayReachesTheAgentWithItsRawBodyIntact()
    {
        var customer = Sandboxes.NewCustomer();
        var wamid = $"wamid.GATEWAY{Guid.NewGuid():N}";
        // Deliberately not what a serializer would write: odd spacing, key order and \u escapes. The signature is over
        // these exact bytes, so any re-encoding on the way through the gateway would make the webhook refuse it.
        var body = $$$"""
            {  "object" : "whatsapp_business_account",
               "entry":[ {"id":"102290129340398",
                 "changes":[{ "value":{ "messaging_product":"whatsapp",
                   "metadata":{"display_phone_number":"15550783881","phone_number_id":"{{{Sandboxes.PhoneNumberId}}}"},
                   "contacts":[{"profile":{"name":"Gate \u00c9way"},"wa_id":"{{{customer}}}"}],
                   "messages":[{"from":"{{{customer}}}","id":"{{{wamid}}}","timestamp":"{{{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}}}",
                                "type":"text","text":{"body":"caf\u00e9 \u2615 through the gateway"}}] },
                   "field":"messages" }] } ] }
            """;

        var status = await _sandboxes.PostRawWebhookAsync(new { body, webhookUrl = new Uri(_gateway.BaseAddress, "/webhook/whatsapp").ToString() });

        Assert.Equal(200, status);
        var message = Assert.Single(await _sandboxes.WaitForAgentMessagesAsync(customer, 1));
        Assert.Equal("café ☕ through the gateway", Sandboxes.Text(message));
        Assert.Equal(wamid, Sandboxes.ChannelMessageId(message));
    }

    [Fact]
    public async Task MetaWebhookWithABadSignatureIsStillRefusedBehindTheGateway()
    {
        var customer = Sandboxes.NewCustomer();
        var status = await _sandboxes.PostRawWebhookAsync(new
        {
            body = $$$"""
                {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"field":"messages","value":{
                  "messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"{{{Sandboxes.PhoneNumberId}}}"},
                  "messages":[{"from":"{{{customer}}}","id":"wamid.FORGED{{{Guid.NewGuid():N}}}","timestamp":"1700000000","type":"text","text":{"body":"forged"}}]}}]}]}
                """,
            appSecret = "not-the-app-secret",
            webhookUrl = new Uri(_gateway.BaseAddress, "/webhook/meta").ToString(),
        });

        Assert.Equal(401, status);
        await Task.Delay(1000, TestContext.Current.CancellationToken);
        Assert.Empty(await _sandboxes.AgentReceivedAsync(customer));
    }

    [Fact]
    public async Task MetaSubscriptionHandshakeWorksThroughTheGateway()
    {
        using var response = await fixture.Client("meta-sandbox").PostAsJsonAsync("/sandbox/webhooks/verify",
            new { webhookUrl = new Uri(_gateway.BaseAddress, "/webhook/whatsapp").ToString() }, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();

        var result = await response.Content.ReadFromJsonAsync<JsonObject>(TestContext.Current.CancellationToken);
        Assert.True(result!["challengeEchoed"]!.GetValue<bool>(), result.ToJsonString());
    }

    [Fact]
    public async Task GenesysWebhookRouteReachesTheGenesysWebhookServiceWithoutAKey()
    {
        using var provider = _gateway.Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhook/genesys")
        {
            Content = new StringContent("this is not json", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Hub-Signature-256", "sha256=" + Convert.ToBase64String(new byte[32]));

        using var response = await provider.SendAsync(request, TestContext.Current.CancellationToken);

        // The webhook service's own answer: the gateway asked for no key and passed the body on.
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>(TestContext.Current.CancellationToken);
        Assert.Equal("The body is not valid JSON", problem!.Title);
    }

    [Fact]
    public async Task CorrelationIdIsEchoedOrGenerated()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = _gateway.Client();

        using var given = new HttpRequestMessage(HttpMethod.Get, "/api/tenants");
        given.Headers.Add("X-Correlation-ID", "ticket-4711.retry:2");
        using var echoed = await client.SendAsync(given, ct);
        using var generated = await client.GetAsync("/api/tenants", ct);
        using var unsafeValue = new HttpRequestMessage(HttpMethod.Get, "/api/tenants");
        unsafeValue.Headers.TryAddWithoutValidation("X-Correlation-ID", "two words\tand a tab");
        using var replaced = await client.SendAsync(unsafeValue, ct);

        Assert.Equal("ticket-4711.retry:2", Assert.Single(echoed.Headers.GetValues("X-Correlation-ID")));
        Assert.Matches("^[0-9a-f]{32}$", Assert.Single(generated.Headers.GetValues("X-Correlation-ID")));
        Assert.Matches("^[0-9a-f]{32}$", Assert.Single(replaced.Headers.GetValues("X-Correlation-ID")));
    }

    [Fact]
    public async Task CorsAllowsTheConfiguredPortalOriginOnly()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = _gateway.Client();

        using var portal = await client.SendAsync(Preflight("http://localhost:5173", "/api/v1/whatsapp/sendmessage"), ct);
        using var portalTenants = await client.SendAsync(Preflight("http://localhost:5173", "/api/tenants"), ct);
        using var stranger = await client.SendAsync(Preflight("https://evil.example", "/api/v1/whatsapp/sendmessage"), ct);
        using var actual = new HttpRequestMessage(HttpMethod.Get, "/api/tenants");
        actual.Headers.Add("Origin", "http://localhost:5173");
        using var refusedButReadable = await client.SendAsync(actual, ct);

        foreach (var response in new[] { portal, portalTenants })
        {
            Assert.True(response.IsSuccessStatusCode, $"Preflight answered {response.StatusCode}.");
            Assert.Equal("http://localhost:5173", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
            Assert.Contains("x-api-key", string.Join(",", response.Headers.GetValues("Access-Control-Allow-Headers")), StringComparison.OrdinalIgnoreCase);
        }
        Assert.False(stranger.Headers.Contains("Access-Control-Allow-Origin"));
        // Even a refusal carries the CORS headers, so the portal can read the 401 and the correlation id.
        Assert.Equal(HttpStatusCode.Unauthorized, refusedButReadable.StatusCode);
        Assert.Equal("http://localhost:5173", Assert.Single(refusedButReadable.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Contains("X-Correlation-ID", string.Join(",", refusedButReadable.Headers.GetValues("Access-Control-Expose-Headers")), StringComparison.OrdinalIgnoreCase);

        static HttpRequestMessage Preflight(string origin, string path)
        {
            var request = new HttpRequestMessage(HttpMethod.Options, path);
            request.Headers.Add("Origin", origin);
            request.Headers.Add("Access-Control-Request-Method", "POST");
            request.Headers.Add("Access-Control-Request-Headers", "x-api-key,content-type");
            return request;
        }
    }

    [Fact]
    public async Task OpenApiDocumentsOfTheServicesShowOnlyTheirPublicRoutes()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = _gateway.Client();

        var tenants = await client.GetFromJsonAsync<JsonObject>("/openapi/tenant-service.json", ct);
        var paths = tenants!["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Contains("/api/tenants", paths);
        Assert.Contains("/api/tenants/{tenantId}/api-keys", paths);
        Assert.DoesNotContain(paths, p => p.StartsWith("/internal", StringComparison.Ordinal));
        Assert.Equal("/", tenants["servers"]![0]!["url"]!.GetValue<string>());
        Assert.Equal("X-Api-Key", tenants["components"]!["securitySchemes"]!["ApiKey"]!["name"]!.GetValue<string>());

        var webhook = await client.GetFromJsonAsync<JsonObject>("/openapi/whatsapp-webhook.json", ct);
        Assert.Contains("/webhook/whatsapp", webhook!["paths"]!.AsObject().Select(p => p.Key));
        var whatsapp = await client.GetFromJsonAsync<JsonObject>("/openapi/whatsapp-api.json", ct);
        var whatsappPaths = whatsapp!["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Contains("/api/v1/whatsapp/sendmessage", whatsappPaths);
        Assert.Contains("/api/v1/messages/{id}", whatsappPaths);
        // Onboarding's Embedded Signup is public to the operator; the internal send endpoints (/whatsapp/messages) are not.
        Assert.Contains("/api/admin/whatsapp/embedded-signup", whatsappPaths);
        Assert.All(whatsappPaths.Where(p => p != "/api/admin/whatsapp/embedded-signup"), p => Assert.StartsWith("/api/v1/", p));
        var rcs = await client.GetFromJsonAsync<JsonObject>("/openapi/rcs-api.json", ct);
        var rcsPaths = rcs!["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Contains("/api/v1/conv/RCS/sendmessage", rcsPaths);
        Assert.Contains("/api/v1/conv/RCS/messages/{id}/status", rcsPaths);
        Assert.Contains("/api/v1/conv/RCS/capabilities/{msisdn}", rcsPaths);
        Assert.Contains("/webhook/rcs", rcsPaths);
        Assert.Contains("/webhook/rcs/{agentId}", rcsPaths);
        // The outbound transformer's send route (/rcs/messages) is not behind the gateway, so not in the document.
        Assert.All(rcsPaths, p => Assert.Matches("^(/api/v1/conv/RCS/|/webhook/rcs(/\\{agentId\\})?$|/admin/webhooks/rcs/)", p));
        var inbound = await client.GetFromJsonAsync<JsonObject>("/openapi/inbound-transformer.json", ct);
        Assert.All(inbound!["paths"]!.AsObject(), p => Assert.Matches("^/admin/pipelines/inbound-(whatsapp|rcs)/", p.Key));
        var outbound = await client.GetFromJsonAsync<JsonObject>("/openapi/outbound-transformer.json", ct);
        Assert.Contains("/admin/pipelines/outbound-genesys/dead-letters", outbound!["paths"]!.AsObject().Select(p => p.Key));
        var gateway = await client.GetFromJsonAsync<JsonObject>("/openapi/api-gateway.json", ct);
        Assert.Contains("/health", gateway!["paths"]!.AsObject().Select(p => p.Key));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/openapi/state-manager.json", ct)).StatusCode);
    }

    [Fact]
    public async Task ScalarListsTheDocumentsOfEveryServiceBehindTheGateway()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = _gateway.Client();

        using var response = await client.GetAsync("/scalar", ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(ct);
        // Scalar resolves these against the gateway's origin.
        Assert.All(new[] { "tenant-service", "whatsapp-api", "rcs-api", "whatsapp-webhook", "genesys-webhook", "inbound-transformer", "api-gateway" },
            document => Assert.Contains($"\"url\":\"openapi/{document}.json\"", html));
        // The UI's script is served by the gateway itself, not fetched from a CDN.
        using var script = await client.GetAsync("/scalar/scalar.js", ct);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
    }
}
