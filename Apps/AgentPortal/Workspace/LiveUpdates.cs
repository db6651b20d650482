using Microsoft.AspNetCore.SignalR.Client;
using WhatsAppGenesys.Contracts;
using WhatsAppGenesys.Contracts.Agents;
using WhatsAppGenesys.AgentWeb.Conversations;

namespace WhatsAppGenesys.AgentPortal.Workspace;

/// <summary>
/// The page's connection to the portal service's agent hub, with the agent's session token. The hub pushes every
/// message and status change of the tenant as the pipeline records it. Starting (and reconnecting) returns once the
/// hub says the connection is in its tenant's group, so what the page loads next and what is pushed from then on
/// leave nothing out. After a reconnect the page reloads what it shows (the API answers from the history), so nothing
/// missed while disconnected is lost, and messages are deduplicated by their sequence.
/// </summary>
public sealed class LiveUpdates(IConfiguration configuration, ILogger<LiveUpdates> logger) : IAsyncDisposable
{
    // Joining is one Redis subscription; past this the page goes on, and the next push shows any gap (ConversationTranscript).
    private static readonly TimeSpan JoinPatience = TimeSpan.FromSeconds(5);

    private HubConnection? _connection;
    private TaskCompletionSource _joined = NewJoin();

    public event Func<AgentMessage, Task>? MessageRecorded;
    public event Func<AgentMessageStatus, Task>? StatusChanged;
    public event Func<AgentConversationEnded, Task>? ConversationEnded;
    public event Func<Task>? Reconnected;
    public event Func<string, Task>? SessionEnded;

    public bool IsConnected => _connection?.State == HubConnectionState.Connected;

    public async Task StartAsync(AgentSession session, CancellationToken cancellationToken)
    {
        // WebSockets do not go through HttpClient's service discovery: the portal service's address as the AppHost gave it.
        var baseUrl = configuration[$"services:{ServiceNames.PortalService}:http:0"] ?? $"http://{ServiceNames.PortalService}";
        _connection = new HubConnectionBuilder()
            .WithUrl(new Uri(new Uri(baseUrl), AgentHub.Path), options => options.AccessTokenProvider = () => Task.FromResult<string?>(session.Token))
            .WithAutomaticReconnect()
            .Build();
        _connection.On<AgentMessage>(AgentHub.MessageRecorded, message => MessageRecorded?.Invoke(message) ?? Task.CompletedTask);
        _connection.On<AgentMessageStatus>(AgentHub.StatusChanged, status => StatusChanged?.Invoke(status) ?? Task.CompletedTask);
        _connection.On<AgentConversationEnded>(AgentHub.ConversationEnded, ended => ConversationEnded?.Invoke(ended) ?? Task.CompletedTask);
        _connection.On(AgentHub.Joined, () => _joined.TrySetResult());
        _connection.Reconnecting += _ =>
        {
            _joined = NewJoin();
            return Task.CompletedTask;
        };
        _connection.Reconnected += async _ =>
        {
            await WaitUntilJoinedAsync(CancellationToken.None);
            await (Reconnected?.Invoke() ?? Task.CompletedTask);
        };
        // Signed out (perhaps in another tab) or no longer an agent in Genesys: the hub says so, then closes the connection.
        _connection.On<string>(AgentHub.SessionEnded, reason => SessionEnded?.Invoke(reason) ?? Task.CompletedTask);
        try
        {
            await _connection.StartAsync(cancellationToken);
            await WaitUntilJoinedAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or System.Net.WebSockets.WebSocketException)
        {
            // The page still works without live updates; it says so, and a reload tries again.
            logger.LogWarning("The agent hub could not be reached: {Reason}", ex.Message);
        }
    }

    private async Task WaitUntilJoinedAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _joined.Task.WaitAsync(JoinPatience, cancellationToken);
        }
        catch (TimeoutException)
        {
            logger.LogWarning("The agent hub did not confirm the connection joined its tenant within {Patience}", JoinPatience);
        }
    }

    private static TaskCompletionSource NewJoin() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }
    }
}
