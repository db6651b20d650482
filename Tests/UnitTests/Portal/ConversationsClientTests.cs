using System.Net;
using System.Net.Sockets;
using WhatsAppGenesys.AgentWeb.Conversations;
using WhatsAppGenesys.Contracts.Agents;

namespace WhatsAppGenesys.UnitTests.Portal;

/// <summary>
/// The agent page's commands when the portal service does not answer: a refusal in words the composer shows, never an
/// exception, which would end the agent's whole session on the page.
/// </summary>
public sealed class ConversationsClientTests
{
    private static readonly AgentSession Agent = new("token", "tenant", "user", "Ari", "Agent");

    [Fact]
    public async Task AReplyToAPortalThatRefusesTheConnectionIsRefusedInWords()
    {
        // A port that was ours a moment ago: nothing listens on it now.
        using var closed = new TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var port = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };

        var (sent, refusal) = await new ConversationsClient(http).ReplyAsync(Agent, Guid.NewGuid(), new AgentReplyRequest("hello", "c1"),
            TestContext.Current.CancellationToken);

        Assert.False(sent);
        Assert.StartsWith("The message could not be sent: the portal did not answer in time", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFileToAPortalThatNeverAnswersIsRefusedInWordsOnceTheClientGivesUp()
    {
        using var silent = new SilentServer();
        using var http = new HttpClient { BaseAddress = silent.Address, Timeout = TimeSpan.FromSeconds(1) };
        using var file = new MemoryStream([1, 2, 3]);

        var (sent, refusal) = await new ConversationsClient(http).SendAttachmentAsync(Agent, Guid.NewGuid(), file, "label.png", "image/png",
            "caption", "c2", TestContext.Current.CancellationToken);

        Assert.False(sent);
        Assert.StartsWith("The file could not be sent: the portal did not answer in time", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACommandTheCallerCancelsIsCancelledNotRefused()
    {
        using var silent = new SilentServer();
        using var http = new HttpClient { BaseAddress = silent.Address };
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new ConversationsClient(http).EndAsync(Agent, Guid.NewGuid(), cancel.Token));
    }

    /// <summary>A server that accepts connections and never answers.</summary>
    private sealed class SilentServer : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);

        public SilentServer() => _listener.Start();

        public Uri Address => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

        public void Dispose() => _listener.Dispose();
    }
}
