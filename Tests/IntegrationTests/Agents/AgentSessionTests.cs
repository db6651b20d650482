using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.SignalR.Client;
using WhatsAppGenesys.Contracts.Agents;

namespace WhatsAppGenesys.IntegrationTests.Agents;

/// <summary>
/// The portal service's side of agent sign-in, over HTTP against the real services and the Genesys simulator: PKCE,
/// provisioning once, the organization check, and the role sync that follows Genesys.
/// </summary>
public sealed class AgentSessionTests(AppFixture fixture)
{
    private readonly AgentWorkspace _workspace = new(fixture);

    [Fact]
    public async Task ACodeIsRedeemedOnlyWithItsVerifierAndAnAgentIsProvisionedOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        var (tenant, organization) = await _workspace.CreateTenantAsync(ct);
        var user = await _workspace.PutUserAsync(organization, "Ada Agent", ["Communicate - Agent"], ct: ct);

        // Someone who intercepted the code but not the verifier gets nothing.
        var (code, verifier) = await _workspace.AuthorizeAsync(tenant.Id, user, ct);
        using (var stolen = await _workspace.RedeemAsync(tenant.Id, code, new string('x', 43), ct))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, stolen.StatusCode);
            Assert.Contains("invalid_grant", (await stolen.Content.ReadFromJsonAsync<ProblemDetails>(ct))!.Detail);
        }
        using var session = await _workspace.RedeemAsync(tenant.Id, code, verifier, ct);
        var first = (await session.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<AgentSessionResponse>(ct))!;
        Assert.Equal(("Ada Agent", AgentRolesExpected.Agent, user), (first.Agent.Name, first.Agent.Role, first.Agent.GenesysUserId));

        // A code works once.
        using (var replayed = await _workspace.RedeemAsync(tenant.Id, code, verifier, ct))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, replayed.StatusCode);
        }

        // The next sign-in finds the same agent: provisioned once.
        var second = await _workspace.SignInAsync(tenant.Id, user, ct);
        Assert.Equal(first.Agent.Id, second.Agent.Id);
        Assert.NotEqual(first.Token, second.Token);
        Assert.Equal(HttpStatusCode.OK, (await _workspace.MeAsync(first.Token, ct)).Status);
    }

    [Fact]
    public async Task AUserOfAnotherOrganizationCannotSignInToATenant()
    {
        var ct = TestContext.Current.CancellationToken;
        var (tenant, _) = await _workspace.CreateTenantAsync(ct);
        var (_, otherOrganization) = await _workspace.CreateTenantAsync(ct);
        var outsider = await _workspace.PutUserAsync(otherOrganization, "Otto Outsider", ["admin"], ct: ct);

        var (code, verifier) = await _workspace.AuthorizeAsync(tenant.Id, outsider, ct);
        using var response = await _workspace.RedeemAsync(tenant.Id, code, verifier, ct);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("Another organization", (await response.Content.ReadFromJsonAsync<ProblemDetails>(ct))!.Title);
    }

    [Fact]
    public async Task RoleSyncFollowsGenesysAndADisabledOrRemovedUserLosesTheirSession()
    {
        var ct = TestContext.Current.CancellationToken;
        var (tenant, organization) = await _workspace.CreateTenantAsync(ct);
        var promoted = await _workspace.PutUserAsync(organization, "Pat Promoted", ["Communicate - Agent"], ct: ct);
        var disabled = await _workspace.PutUserAsync(organization, "Dee Disabled", ["Supervisor"], ct: ct);
        var removed = await _workspace.PutUserAsync(organization, "Rex Removed", ["Communicate - Agent"], ct: ct);
        var promotedSession = await _workspace.SignInAsync(tenant.Id, promoted, ct);
        var disabledSession = await _workspace.SignInAsync(tenant.Id, disabled, ct);
        var removedSession = await _workspace.SignInAsync(tenant.Id, removed, ct);
        Assert.Equal(AgentRolesExpected.Supervisor, disabledSession.Agent.Role);

        // Their Genesys administrator promotes one, disables one and deletes one.
        await _workspace.PutUserAsync(organization, "Pat Promoted", ["admin"], userId: promoted, ct: ct);
        await _workspace.PutUserAsync(organization, "Dee Disabled", ["Supervisor"], state: "inactive", userId: disabled, ct: ct);
        await _workspace.DeleteUserAsync(organization, removed, ct);

        var sync = await _workspace.RunRoleSyncAsync(ct);
        Assert.True(sync.Deactivated >= 2, $"the sync deactivated {sync.Deactivated}");

        var (status, agent) = await _workspace.MeAsync(promotedSession.Token, ct);
        Assert.Equal((HttpStatusCode.OK, AgentRolesExpected.Admin), (status, agent!.Role));
        Assert.Equal(HttpStatusCode.Unauthorized, (await _workspace.MeAsync(disabledSession.Token, ct)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _workspace.MeAsync(removedSession.Token, ct)).Status);

        // And a disabled user cannot sign in again either.
        await Assert.ThrowsAnyAsync<Exception>(() => _workspace.SignInAsync(tenant.Id, disabled, ct));
    }

    [Fact]
    public async Task TheLiveConnectionsOfASignedOutSessionAndOfADisabledAgentAreClosed()
    {
        var ct = TestContext.Current.CancellationToken;
        var (tenant, organization) = await _workspace.CreateTenantAsync(ct);
        var leaving = await _workspace.PutUserAsync(organization, "Lee Leaving", ["Communicate - Agent"], ct: ct);
        var disabled = await _workspace.PutUserAsync(organization, "Dora Disabled", ["Communicate - Agent"], ct: ct);
        var staying = await _workspace.PutUserAsync(organization, "Stan Staying", ["Communicate - Agent"], ct: ct);
        var leavingSession = await _workspace.SignInAsync(tenant.Id, leaving, ct);
        var leavingOtherTab = await _workspace.SignInAsync(tenant.Id, leaving, ct);
        var disabledSession = await _workspace.SignInAsync(tenant.Id, disabled, ct);
        var stayingSession = await _workspace.SignInAsync(tenant.Id, staying, ct);

        await using var signedOut = await _workspace.ConnectToHubAsync(leavingSession.Token, ct);
        await using var otherTab = await _workspace.ConnectToHubAsync(leavingOtherTab.Token, ct);
        await using var disabledConnection = await _workspace.ConnectToHubAsync(disabledSession.Token, ct);
        await using var stayingConnection = await _workspace.ConnectToHubAsync(stayingSession.Token, ct);
        var signedOutTold = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        signedOut.On<string>(AgentHub.SessionEnded, reason => signedOutTold.TrySetResult(reason));
        var disabledTold = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        disabledConnection.On<string>(AgentHub.SessionEnded, reason => disabledTold.TrySetResult(reason));

        // Signing out closes that session's connection, and only that one: the same agent's other tab stays.
        await _workspace.SignOutAsync(leavingSession.Token, ct);
        Assert.Equal(AgentSessionEndReasons.SignedOut, await signedOutTold.Task.WaitAsync(TimeSpan.FromSeconds(15), ct));
        await WaitUntilClosedAsync(signedOut, ct);

        // The Genesys administrator disables a user: the role sync closes all of that agent's connections.
        await _workspace.PutUserAsync(organization, "Dora Disabled", ["Communicate - Agent"], state: "inactive", userId: disabled, ct: ct);
        await _workspace.RunRoleSyncAsync(ct);
        Assert.Equal(AgentSessionEndReasons.AccessRemoved, await disabledTold.Task.WaitAsync(TimeSpan.FromSeconds(15), ct));
        await WaitUntilClosedAsync(disabledConnection, ct);

        Assert.Equal(HubConnectionState.Connected, otherTab.State);
        Assert.Equal(HubConnectionState.Connected, stayingConnection.State);
        // A closed session cannot connect again.
        await Assert.ThrowsAsync<HttpRequestException>(() => _workspace.ConnectToHubAsync(leavingSession.Token, ct));
    }

    private static async Task WaitUntilClosedAsync(HubConnection connection, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (connection.State != HubConnectionState.Disconnected)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the connection is still {connection.State}");
            await Task.Delay(100, ct);
        }
    }

    [Fact]
    public async Task AForgedOrTamperedTokenIsRefused()
    {
        var ct = TestContext.Current.CancellationToken;
        var (tenant, organization) = await _workspace.CreateTenantAsync(ct);
        var user = await _workspace.PutUserAsync(organization, "Tia Tamper", ["Communicate - Agent"], ct: ct);
        var session = await _workspace.SignInAsync(tenant.Id, user, ct);

        // Change one character of the signature: the HS256 check fails.
        var last = session.Token[^2] == 'A' ? 'B' : 'A';
        var tampered = session.Token[..^2] + last + session.Token[^1];
        Assert.Equal(HttpStatusCode.Unauthorized, (await _workspace.MeAsync(tampered, ct)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _workspace.MeAsync("not-a-token", ct)).Status);
    }

    [Fact]
    public async Task TheConversationsOfTheAgentsTenantAreListedAndOnlySupervisorsSeeAll()
    {
        var ct = TestContext.Current.CancellationToken;
        var demo = await _workspace.DemoOrganizationAsync(ct);
        var agent = await _workspace.SignInAsync("demo", await _workspace.PutUserAsync(demo, $"Lia List {Guid.NewGuid():N}"[..16], ["Communicate - Agent"], ct: ct), ct);
        var customer = Inbound.Sandboxes.NewCustomer();
        await new Inbound.Sandboxes(fixture).CustomerSendsAsync(customer, new { type = "text", text = "Is my order on its way?" });

        // The customer's conversation is open (they wrote within 24 hours) and its messages are readable by sequence.
        var summary = await _workspace.WaitForConversationAsync(agent.Token, "open", customer, ct);
        Assert.Equal("inbound", summary.LastDirection);
        Assert.NotNull(summary.LastCustomerMessageAt);
        var messages = await _workspace.MessagesAsync(agent.Token, summary.ConversationId, 0, ct);
        Assert.Equal("Is my order on its way?", Assert.Single(messages!).Text);
        Assert.Empty((await _workspace.MessagesAsync(agent.Token, summary.ConversationId, messages![0].Sequence, ct))!);

        // "All" is for supervisors and admins.
        Assert.Equal(HttpStatusCode.Forbidden, await _workspace.ListStatusAsync(agent.Token, "all", ct));
    }

    // The portal's roles as the API names them.
    private static class AgentRolesExpected
    {
        public const string Admin = "Admin";
        public const string Supervisor = "Supervisor";
        public const string Agent = "Agent";
    }
}
