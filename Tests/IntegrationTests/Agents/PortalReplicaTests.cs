using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.SignalR.Client;
using WhatsAppGenesys.Contracts.Agents;
using WhatsAppGenesys.IntegrationTests.Inbound;
using WhatsAppGenesys.IntegrationTests.Outbound;

namespace WhatsAppGenesys.IntegrationTests.Agents;

/// <summary>
/// Two replicas of the portal service: a page connected to either hears every message of its tenant, whichever replica
/// recorded it (the history pipeline is consumed by one replica at a time, so the other hears through the Redis
/// backplane), and a sign-out on one replica closes the session's connection held by the other.
/// </summary>
public sealed class PortalReplicaTests(AppFixture fixture)
{
    private readonly AgentWorkspace _workspace = new(fixture);
    private readonly AgentDesk _desk = new(fixture);

    [Fact]
    public async Task APageOnEitherReplicaHearsEveryMessageAndASignOutOnOneClosesTheConnectionOnTheOther()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var second = await SecondPortalReplica.StartAsync(fixture, ct);
        var organization = await _workspace.DemoOrganizationAsync(ct);
        var agent = await _workspace.PutUserAsync(organization, $"Rhea Replica {Guid.NewGuid().ToString()[..6]}", ["Communicate - Agent"], ct: ct);
        var session = await _workspace.SignInAsync("demo", agent, ct);
        await using var onFirst = await _workspace.ConnectToHubAsync(session.Token, ct);
        await using var onSecond = await _workspace.ConnectToHubAsync(session.Token, ct, second.BaseUrl);
        var heardOnFirst = Listen(onFirst);
        var heardOnSecond = Listen(onSecond);

        var customer = Sandboxes.NewCustomer();
        var texts = Enumerable.Range(1, 5).Select(i => $"Replica check {i} from {customer}").ToList();
        foreach (var text in texts)
        {
            await _desk.Sandboxes.CustomerSendsAsync(customer, new { type = "text", text });
        }
        // The pipeline takes its time while the rest of the suite runs beside this test.
        await WaitUntilAsync(() => Heard(heardOnFirst, texts) && Heard(heardOnSecond, texts), ct, TimeSpan.FromSeconds(90),
            () => $"first replica's page heard {Count(heardOnFirst, texts)} of 5, the second's {Count(heardOnSecond, texts)} of 5");
        await AgentDesk.SettleAsync();
        foreach (var heard in new[] { heardOnFirst, heardOnSecond })
        {
            Assert.All(texts, text => Assert.Single(heard, m => m.Text == text));
        }

        // Signing out through the second replica closes the connection the first replica holds.
        var told = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        onFirst.On<string>(AgentHub.SessionEnded, reason => told.TrySetResult(reason));
        using var signOut = new HttpRequestMessage(HttpMethod.Delete, new Uri(second.BaseUrl, "/api/v1/agent/sessions/current"));
        signOut.Headers.Authorization = new AuthenticationHeaderValue("Bearer", session.Token);
        using (var http = new HttpClient())
        using (var response = await http.SendAsync(signOut, ct))
        {
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        }
        Assert.Equal(AgentSessionEndReasons.SignedOut, await told.Task.WaitAsync(TimeSpan.FromSeconds(15), ct));
        await WaitUntilAsync(() => onFirst.State == HubConnectionState.Disconnected && onSecond.State == HubConnectionState.Disconnected, ct,
            TimeSpan.FromSeconds(15), () => $"the connections are {onFirst.State} and {onSecond.State}");
    }

    // Every message pushed to the connection, as it arrived (a repeat would show as a second entry).
    private static ConcurrentQueue<AgentMessage> Listen(HubConnection connection)
    {
        var heard = new ConcurrentQueue<AgentMessage>();
        connection.On<AgentMessage>(AgentHub.MessageRecorded, heard.Enqueue);
        return heard;
    }

    private static bool Heard(ConcurrentQueue<AgentMessage> heard, IEnumerable<string> texts) =>
        texts.All(text => heard.Any(m => m.Text == text));

    private static int Count(ConcurrentQueue<AgentMessage> heard, IEnumerable<string> texts) =>
        texts.Count(text => heard.Any(m => m.Text == text));

    private static async Task WaitUntilAsync(Func<bool> condition, CancellationToken ct, TimeSpan patience, Func<string> state)
    {
        var deadline = DateTime.UtcNow + patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"not within {patience.TotalSeconds:0} s: {state()}");
            await Task.Delay(100, ct);
        }
    }
}
