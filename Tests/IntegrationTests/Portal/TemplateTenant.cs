using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using WhatsAppGenesys.AppHostTesting;
using WhatsAppGenesys.Contracts;
using WhatsAppGenesys.Contracts.Tenancy;
using WhatsAppGenesys.IntegrationTests.Gateway;

namespace WhatsAppGenesys.IntegrationTests.Portal;

/// <summary>
/// A tenant with a WhatsApp Business Account of its own at the Meta sandbox (its own WABA id, token and app secret,
/// the status webhooks going to our whatsapp-webhook), using the portal through the gateway with its own API key.
/// </summary>
internal sealed class TemplateTenant : IDisposable
{
    public const string GraphVersion = "v23.0";

    private readonly AppFixture _fixture;

    private TemplateTenant(AppFixture fixture, string tenantId, string wabaId, string phoneNumberId, string accessToken, HttpClient client)
    {
        _fixture = fixture;
        TenantId = tenantId;
        WabaId = wabaId;
        PhoneNumberId = phoneNumberId;
        AccessToken = accessToken;
        Client = client;
    }

    public string TenantId { get; }
    public string WabaId { get; }
    public string PhoneNumberId { get; }
    public string AccessToken { get; }

    /// <summary>The gateway with the tenant's API key.</summary>
    public HttpClient Client { get; }

    /// <param name="withGenesys">
    /// Also an Open Messaging integration of its own at the Genesys sandbox, so its customers' messages reach an agent
    /// and the agents' answers come back to our genesys-webhook.
    /// </param>
    public static async Task<TemplateTenant> CreateAsync(AppFixture fixture, CancellationToken ct, bool withGenesys = false)
    {
        var gateway = new GatewayHarness(fixture);
        var suffix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5));
        var tenantId = $"tpl-{suffix}";
        var business = SandboxBusiness.Create(
            RandomNumberGenerator.GetInt32(100_000_000, int.MaxValue).ToString(System.Globalization.CultureInfo.InvariantCulture) + "3", suffix);
        await business.RegisterAsync(fixture.Client(ServiceNames.MetaSandbox), fixture.App.GetEndpoint(ServiceNames.WhatsAppWebhook), ct);

        GenesysConfigRequest? genesys = null;
        if (withGenesys)
        {
            genesys = new GenesysConfigRequest("mypurecloud.com", $"tpl-client-{suffix}", Guid.NewGuid().ToString(), $"genesys-secret-{suffix}",
                $"genesys-webhook-{suffix}");
            using var integration = await fixture.Client(ServiceNames.GenesysSandbox).PostAsJsonAsync("/sandbox/integrations", new
            {
                integrationId = genesys.IntegrationId,
                clientId = genesys.ClientId,
                clientSecret = genesys.ClientSecret,
                webhookSecret = genesys.WebhookSecret,
                // Where the agents' messages go: without it the simulator keeps them (an integration not yet wired).
                webhookUrl = new Uri(fixture.App.GetEndpoint(ServiceNames.GenesysWebhook), "/webhook/genesys").ToString(),
            }, ct);
            integration.EnsureSuccessStatusCode();
        }

        using var admin = gateway.Operator();
        using (var created = await admin.PostAsJsonAsync("/api/tenants", new CreateTenantRequest(tenantId, $"Templates {suffix}",
            new WhatsAppConfigRequest(business.WabaId, [business.PhoneNumberId], business.DisplayPhoneNumber, GraphVersion, business.AccessToken,
                business.AppSecret, business.VerifyToken), genesys), ct))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }
        var key = await gateway.CreateApiKeyAsync(tenantId, ct);
        return new TemplateTenant(fixture, tenantId, business.WabaId, business.PhoneNumberId, business.AccessToken, gateway.Client(key.ApiKey));
    }

    /// <summary>A utility template whose body takes two positional parameters.</summary>
    public static object Definition(string name, string language = "en_US") => new
    {
        name,
        language,
        category = "UTILITY",
        components = new object[]
        {
            new { type = "BODY", text = "Your order {{1}} ships on {{2}}.", example = new { body_text = new[] { new[] { "8841", "Monday" } } } },
            new { type = "FOOTER", text = "Reply STOP to opt out" },
        },
    };

    public async Task<JsonObject> CreateTemplateAsync(string name, CancellationToken ct, string language = "en_US")
    {
        using var response = await Client.PostAsJsonAsync("/api/v1/portal/templates", Definition(name, language), ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>(ct))!;
    }

    public async Task<JsonObject?> GetTemplateAsync(string name, string language, CancellationToken ct)
    {
        using var response = await Client.GetAsync($"/api/v1/portal/templates/{name}/{language}", ct);
        return response.StatusCode == HttpStatusCode.NotFound ? null : (await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonObject>(ct))!;
    }

    /// <summary>Waits until the stored template has the status (moved there by Meta's status webhook), and returns it.</summary>
    public async Task<JsonObject> WaitForStatusAsync(string name, string language, string status, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow.AddSeconds(45);
        while (true)
        {
            var template = await GetTemplateAsync(name, language, ct);
            if (template?["status"]?.GetValue<string>() == status)
            {
                return template;
            }
            Assert.True(DateTime.UtcNow < deadline, $"{name} ({language}) is {template?["status"]} after 45 s, not {status}.");
            await Task.Delay(200, ct);
        }
    }

    /// <summary>Names the WABA holds at the Meta sandbox, read with the tenant's own token (no portal involved).</summary>
    public async Task<List<string>> NamesAtMetaAsync(CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/{GraphVersion}/{WabaId}/message_templates?limit=1000");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AccessToken);
        using var response = await _fixture.Client(ServiceNames.MetaSandbox).SendAsync(request, ct);
        var list = (await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonObject>(ct))!;
        return list["data"]!.AsArray().Select(t => t!["name"]!.GetValue<string>()).ToList();
    }

    /// <summary>Creates a template directly at Meta (as a business might in Meta's own console); returns its id.</summary>
    public async Task<string> CreateAtMetaAsync(string name, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/{GraphVersion}/{WabaId}/message_templates") { Content = JsonContent.Create(Definition(name)) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AccessToken);
        using var response = await _fixture.Client(ServiceNames.MetaSandbox).SendAsync(request, ct);
        return (await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonObject>(ct))!["id"]!.GetValue<string>();
    }

    /// <summary>Deletes a template directly at Meta, behind the portal's back.</summary>
    public async Task DeleteAtMetaAsync(string name, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, $"/{GraphVersion}/{WabaId}/message_templates?name={name}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AccessToken);
        using var response = await _fixture.Client(ServiceNames.MetaSandbox).SendAsync(request, ct);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Posts a webhook body to our whatsapp-webhook through the sandbox, signed with this business's app secret unless told otherwise.</summary>
    public async Task<int> PostWebhookAsync(string body, CancellationToken ct, string? appSecret = null)
    {
        using var response = await _fixture.Client(ServiceNames.MetaSandbox).PostAsJsonAsync("/sandbox/webhooks/raw",
            new { body, phoneNumberId = PhoneNumberId, appSecret }, ct);
        return (await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonObject>(ct))!["status"]!.GetValue<int>();
    }

    public static string NewName(string prefix) => $"{prefix}_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";

    public void Dispose() => Client.Dispose();
}
