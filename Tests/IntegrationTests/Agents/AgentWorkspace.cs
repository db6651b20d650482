using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.SignalR.Client;
using WhatsAppGenesys.Contracts;
using WhatsAppGenesys.Contracts.Agents;
using WhatsAppGenesys.IntegrationTests.Console;
using WhatsAppGenesys.IntegrationTests.Tenancy;

namespace WhatsAppGenesys.IntegrationTests.Agents;

/// <summary>
/// What the agent tests need: tenants whose Genesys organization has users (at the Genesys simulator), the agent
/// portal in a browser, and the sign-in round trip over plain HTTP for the tests that are about the backend.
/// </summary>
internal sealed class AgentWorkspace(AppFixture fixture)
{
    private readonly TenancyHarness _tenancy = new(fixture);

    public Uri PortalUrl => fixture.App.GetEndpoint(ServiceNames.AgentPortal);

    public string CallbackUrl => new Uri(PortalUrl, "/signin/callback").ToString();

    public HttpClient PortalService => fixture.Client(ServiceNames.PortalService);

    private HttpClient GenesysSandbox => fixture.Client(ServiceNames.GenesysSandbox);

    /// <summary>A tenant connected to a Genesys organization of its own, and that organization's id.</summary>
    public async Task<(TestTenant Tenant, string OrganizationId)> CreateTenantAsync(CancellationToken ct)
    {
        var tenant = await _tenancy.CreateTenantAsync(ct);
        var organizations = await GenesysSandbox.GetFromJsonAsync<JsonArray>("/sandbox/organizations", ct);
        var organization = organizations!.Single(o => o!["clientIds"]!.AsArray().Any(c => c!.GetValue<string>() == tenant.ClientId));
        return (tenant, organization!["id"]!.GetValue<string>());
    }

    /// <summary>The Genesys organization of the sandbox's demo tenant, whose business number the Meta simulator's customers write to.</summary>
    public async Task<string> DemoOrganizationAsync(CancellationToken ct)
    {
        var organizations = await GenesysSandbox.GetFromJsonAsync<JsonArray>("/sandbox/organizations", ct);
        return organizations!.Single(o => o!["clientIds"]!.AsArray().Any(c => c!.GetValue<string>() == "sandbox-genesys-client"))!["id"]!.GetValue<string>();
    }

    /// <summary>Signs in through the portal's page and the Genesys simulator's login page, as <paramref name="userName"/>.</summary>
    public static async Task SignInInBrowserAsync(Microsoft.Playwright.IPage page, string workspace, string userName)
    {
        await page.GotoAsync("/signin");
        await page.GetByLabel("Workspace").FillAsync(workspace);
        await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Continue with Genesys Cloud" }).ClickAsync();
        await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = userName }).ClickAsync();
    }

    /// <summary>
    /// Opens, from the conversation list, the conversation whose item shows <paramref name="text"/>, and waits until
    /// that item is the open one. Other customers' messages re-sort the list meanwhile (in the shared demo tenant, all
    /// the time), so the check makes a click that opened another conversation fail here, not as a reply sent to
    /// someone else's customer.
    /// </summary>
    public static async Task OpenConversationAsync(Microsoft.Playwright.IPage page, string text)
    {
        var item = page.Locator("[data-test=conversation]", new() { HasText = text });
        await Microsoft.Playwright.Assertions.Expect(item).ToBeVisibleAsync(new() { Timeout = 45_000 });
        await item.ClickAsync();
        await Microsoft.Playwright.Assertions.Expect(item).ToHaveClassAsync(ActiveItem);
    }

    private static readonly System.Text.RegularExpressions.Regex ActiveItem = new(@"\bconversation-item-active\b");

    /// <summary>Creates or changes a user of a Genesys organization, as its Genesys administrator would.</summary>
    public async Task<string> PutUserAsync(string organizationId, string name, string[] roles, string state = "active",
        string? userId = null, CancellationToken ct = default)
    {
        userId ??= Guid.NewGuid().ToString();
        using var response = await GenesysSandbox.PutAsJsonAsync($"/sandbox/organizations/{organizationId}/users/{userId}", new
        {
            name,
            email = $"{name.ToLowerInvariant().Replace(' ', '.')}@example.com",
            roles,
            state,
        }, ct);
        response.EnsureSuccessStatusCode();
        return userId;
    }

    public async Task DeleteUserAsync(string organizationId, string userId, CancellationToken ct)
    {
        using var response = await GenesysSandbox.DeleteAsync($"/sandbox/organizations/{organizationId}/users/{userId}", ct);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>
    /// The sign-in as the portal's server and the agent's browser perform it, over HTTP: the authorize URL from the
    /// portal service, the Genesys login form answered as <paramref name="genesysUserId"/>, and the code Genesys
    /// redirects back with. The caller redeems it (with the right verifier or not).
    /// </summary>
    public Task<(string Code, string Verifier)> AuthorizeAsync(string tenantId, string genesysUserId, CancellationToken ct) =>
        AgentSignIn.AuthorizeAsync(PortalService, tenantId, CallbackUrl, genesysUserId, ct);

    /// <summary>The whole sign-in over HTTP: the session the portal service issues.</summary>
    public async Task<AgentSessionResponse> SignInAsync(string tenantId, string genesysUserId, CancellationToken ct)
    {
        var (code, verifier) = await AuthorizeAsync(tenantId, genesysUserId, ct);
        using var session = await RedeemAsync(tenantId, code, verifier, ct);
        return (await session.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<AgentSessionResponse>(ct))!;
    }

    public Task<HttpResponseMessage> RedeemAsync(string tenantId, string code, string verifier, CancellationToken ct) =>
        PortalService.PostAsJsonAsync("/api/v1/agent/sessions", new AgentSignInRequest(tenantId, code, CallbackUrl, verifier), ct);

    /// <summary>GET /api/v1/agent/me with a session token: who it is for, or 401.</summary>
    public async Task<(HttpStatusCode Status, AgentProfile? Agent)> MeAsync(string token, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/agent/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await PortalService.SendAsync(request, ct);
        return (response.StatusCode, response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<AgentProfile>(ct) : null);
    }

    /// <summary>DELETE /api/v1/agent/sessions/current: signs the session out.</summary>
    public async Task SignOutAsync(string token, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, "/api/v1/agent/sessions/current");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await PortalService.SendAsync(request, ct);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    /// <summary>
    /// A live connection to the portal service's agent hub with a session token, as the agent portal opens it; through the
    /// AppHost's endpoint, or at <paramref name="portalService"/> (a replica of the test's own).
    /// </summary>
    public async Task<HubConnection> ConnectToHubAsync(string token, CancellationToken ct, Uri? portalService = null)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(portalService ?? fixture.App.GetEndpoint(ServiceNames.PortalService), AgentHub.Path),
                options => options.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .Build();
        // Started at the handshake; in the tenant's group (so hearing every push from here on) once the hub says so.
        var joined = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.On(AgentHub.Joined, () => joined.TrySetResult());
        await connection.StartAsync(ct);
        await joined.Task.WaitAsync(TimeSpan.FromSeconds(15), ct);
        return connection;
    }

    /// <summary>Polls the agent conversation list until the customer's conversation is in it.</summary>
    public async Task<AgentConversationSummary> WaitForConversationAsync(string token, string filter, string customer, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/agent/conversations?filter={filter}&limit=200");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await PortalService.SendAsync(request, ct);
            var list = await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<List<AgentConversationSummary>>(ct);
            if (list!.FirstOrDefault(c => c.CustomerId == customer) is { } found)
            {
                return found;
            }
            Assert.True(DateTime.UtcNow < deadline, $"No conversation with {customer} under '{filter}' within 30 s.");
            await Task.Delay(250, ct);
        }
    }

    /// <summary>POST /api/v1/agent/conversations/{id}/messages: a free-text reply; the status and the problem's title.</summary>
    public async Task<(HttpStatusCode Status, string? Problem)> ReplyAsync(string token, Guid conversationId, AgentReplyRequest reply, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/agent/conversations/{conversationId}/messages")
        {
            Content = JsonContent.Create(reply),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await PortalService.SendAsync(request, ct);
        return (response.StatusCode, response.IsSuccessStatusCode ? null : (await response.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Mvc.ProblemDetails>(ct))?.Title);
    }

    public async Task<HttpStatusCode> EndStatusAsync(string token, Guid conversationId, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/agent/conversations/{conversationId}/end");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await PortalService.SendAsync(request, ct);
        return response.StatusCode;
    }

    public async Task<HttpStatusCode> ListStatusAsync(string token, string filter, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/agent/conversations?filter={filter}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await PortalService.SendAsync(request, ct);
        return response.StatusCode;
    }

    public async Task<List<AgentMessage>?> MessagesAsync(string token, Guid conversationId, long after, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/agent/conversations/{conversationId}/messages?after={after}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await PortalService.SendAsync(request, ct);
        return response.StatusCode == HttpStatusCode.NotFound ? null : await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<List<AgentMessage>>(ct);
    }

    public async Task<AgentRoleSyncResult> RunRoleSyncAsync(CancellationToken ct)
    {
        using var response = await PortalService.PostAsync("/admin/agents/role-sync", null, ct);
        return (await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<AgentRoleSyncResult>(ct))!;
    }
}
