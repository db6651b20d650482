using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.SignalR.Client;
using WhatsAppGenesys.Contracts.Agents;
using WhatsAppGenesys.IntegrationTests.Inbound;
using WhatsAppGenesys.IntegrationTests.Outbound;

namespace WhatsAppGenesys.IntegrationTests.Agents;

/// <summary>
/// Two replicas of the portal service: a page connected to either hears the messages of its tenant, whichever replica
/// recorded them (the history pipeline is consumed by one replica at a time, so the other hears through the Redis
/// backplane), never twice, and a sign-out on one replica closes the session's connection held by the other.
/// </summary>
public sealed class PortalReplicaTests(AppFixture fixture)
{
    private readonly AgentWorkspace _workspace = new(fixture);
    private readonly AgentDesk _desk = new(fixture);

    [Fact]
    public async Task APageOnEitherReplicaHearsPushesOfTheOtherAndASignOutOnOneClosesTheConnectionOnTheOther()
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
        // The history has all five once the pipeline is through (it takes its time while the suite runs beside it).
        AgentMessage? first = null;
        await WaitUntilAsync(() => (first = heardOnFirst.Concat(heardOnSecond).FirstOrDefault(m => m.Text is { } text && texts.Contains(text))) is not null, ct,
            TimeSpan.FromSeconds(90), () => "no page heard any of the five");
        var conversation = first!.ConversationId;
        List<AgentMessage> stored = [];
        await WaitUntilAsync(() => texts.All(t => stored.Any(m => m.Text == t)), ct, TimeSpan.FromSeconds(90), () => $"{stored.Count} stored",
            async () => stored = await _workspace.MessagesAsync(session.Token, conversation, 0, ct) ?? []);
        await AgentDesk.SettleAsync();

        // Each page joined its tenant's group before the first message, so each hears all five by push, once each,
        // whichever replica recorded them; every push is the stored message and names the one stored before it (which
        // is how a page that missed a push would see the gap and catch up).
        foreach (var (page, heard) in new[] { ("first", heardOnFirst), ("second", heardOnSecond) })
        {
            var ours = heard.Where(m => m.ConversationId == conversation).OrderBy(m => m.Sequence).ToList();
            Assert.True(ours.Count == 5, $"the {page} replica's page heard {ours.Count} of 5: {string.Join(", ", ours.Select(m => m.Text))}");
            Assert.Equal(stored.Select(m => (m.Sequence, m.Text)), ours.Select(m => (m.Sequence, m.Text)));
            Assert.Equal([null, .. stored.Take(4).Select(m => (long?)m.Sequence)], ours.Select(m => m.PreviousSequence));
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

    private static async Task WaitUntilAsync(Func<bool> condition, CancellationToken ct, TimeSpan patience, Func<string> state,
        Func<Task>? look = null)
    {
        var deadline = DateTime.UtcNow + patience;
        while (true)
        {
            if (look is not null)
            {
                await look();
            }
            if (condition())
            {
                return;
            }
            Assert.True(DateTime.UtcNow < deadline, $"not within {patience.TotalSeconds:0} s: {state()}");
            await Task.Delay(look is null ? 100 : 1000, ct);
        }
    }
}
