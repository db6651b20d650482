using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WhatsAppGenesys.Clients.Providers;
using WhatsAppGenesys.Clients.State;
using WhatsAppGenesys.Messaging;
using WhatsAppGenesys.Contracts.Events;
using WhatsAppGenesys.Contracts.Meta;
using WhatsAppGenesys.Contracts.State;
using WhatsAppGenesys.InboundTransformer.Delivery;
using WhatsAppGenesys.Messaging.Handling;
using WhatsAppGenesys.Messaging.Publishing;

namespace WhatsAppGenesys.UnitTests.Outbound;

/// <summary>A Meta status that overtakes the send it is about: found after a short wait, or retried through the delay queue.</summary>
public class ProviderStatusRecorderTests
{
    private const string Wamid = "wamid.overtaken";
    private readonly FakeServices _services = new();
    private readonly RecordingHistory _history = new();

    [Fact]
    public async Task AStatusWhoseSendIsRecordedDuringTheFirstWaitIsRecordedWithoutARetry()
    {
        _services.RecordedAfterFirstMiss = Sent("g1");

        var outcome = await Recorder(TimeSpan.FromMilliseconds(20)).RecordAsync("demo", Status("delivered"), Context(attempt: 1), TestContext.Current.CancellationToken);

        Assert.Equal(OutcomeKind.Success, outcome.Kind);
        Assert.Equal(2, LookupsByWamid());
        Assert.Equal(MessageStatus.Delivered, _services.Ledger("g1")!.Status);
        Assert.Equal("Delivered", Assert.Single(_services.Receipts)["status"]!.GetValue<string>());
        Assert.Equal("delivered", Assert.Single(_history.Statuses).Status);
    }

    [Fact]
    public async Task AStatusStillUnknownAfterTheWaitIsRetriedThroughTheDelayQueue()
    {
        var outcome = await Recorder(TimeSpan.FromMilliseconds(20)).RecordAsync("demo", Status("delivered"), Context(attempt: 1), TestContext.Current.CancellationToken);

        Assert.Equal(OutcomeKind.Retry, outcome.Kind);
        Assert.Equal(TimeSpan.FromSeconds(1), outcome.RetryAfter);
        Assert.Equal(2, LookupsByWamid());
        Assert.Empty(_services.Receipts);
    }

    [Fact]
    public async Task ARetriedStatusLooksOnceAndDoesNotWaitAgain()
    {
        _services.RecordedAfterFirstMiss = Sent("g2");

        var outcome = await Recorder(TimeSpan.FromMinutes(5)).RecordAsync("demo", Status("delivered"), Context(attempt: 2), TestContext.Current.CancellationToken);

        Assert.Equal(OutcomeKind.Retry, outcome.Kind);
        Assert.Equal(1, LookupsByWamid());
    }

    [Fact]
    public async Task WithoutAWaitTheFirstMissIsRetriedAtOnce()
    {
        _services.RecordedAfterFirstMiss = Sent("g3");

        var outcome = await Recorder(TimeSpan.Zero).RecordAsync("demo", Status("delivered"), Context(attempt: 1), TestContext.Current.CancellationToken);

        Assert.Equal(OutcomeKind.Retry, outcome.Kind);
        Assert.Equal(1, LookupsByWamid());
    }

    [Fact]
    public async Task AStatusOfAKnownSendIsRecordedWithOneLookup()
    {
        _services.Track(Sent("g4"));

        var outcome = await Recorder(TimeSpan.FromMinutes(5)).RecordAsync("demo", Status("read"), Context(attempt: 1), TestContext.Current.CancellationToken);

        Assert.Equal(OutcomeKind.Success, outcome.Kind);
        Assert.Equal(1, LookupsByWamid());
        Assert.Equal(MessageStatus.Read, _services.Ledger("g4")!.Status);
    }

    private ProviderStatusRecorder Recorder(TimeSpan firstWait)
    {
        var meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();
        var genesys = new GenesysApiClient(new HttpClient(_services) { BaseAddress = new Uri("http://genesys-api") });
        var state = new StateManagerClient(new HttpClient(_services) { BaseAddress = new Uri("http://state-manager") });
        return new ProviderStatusRecorder(state, new StatusReceipts(genesys, new ReceiptMetrics(meters)), _history,
            Options.Create(new ReceiptOptions { UnknownStatusFirstWait = firstWait }), TimeProvider.System,
            NullLogger<ProviderStatusRecorder>.Instance);
    }

    private int LookupsByWamid() => _services.Calls.Count(c => c.Method == "PATCH" && c.Path.Contains("/by-wamid/", StringComparison.Ordinal));

    private static ProviderStatus Status(string status) => MetaStatuses.Read(new MetaStatus
    {
        Id = Wamid, Status = status, Timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds(), RecipientId = "15551234567",
    }, "demo");

    // An agent's message as the sender records it once Meta answered.
    private static TrackedMessage Sent(string genesysId) => new(
        "demo", MessageDirection.Outbound, genesysId, "15551234567", Guid.NewGuid(), MessageStatus.Sent, Wamid, genesysId,
        null, DateTimeOffset.UtcNow.AddSeconds(-1), DateTimeOffset.UtcNow, DateTimeOffset.UtcNow);

    private static MessageContext Context(int attempt) => new()
    {
        Pipeline = Pipelines.Inbound,
        Partition = 0,
        MessageId = "m",
        OrderingKey = "demo:15551234567",
        Type = "status",
        Attempt = attempt,
        FirstSeen = DateTimeOffset.UtcNow,
        IsRedelivery = attempt > 1,
        Body = ReadOnlyMemory<byte>.Empty,
    };

    /// <summary>Keeps the statuses published to the history pipeline.</summary>
    private sealed class RecordingHistory : IConversationHistoryPublisher
    {
        public List<ConversationMessageStatusChanged> Statuses { get; } = [];

        public Task PublishAsync(ConversationMessageRecorded message, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task PublishAsync(ConversationMessageStatusChanged status, CancellationToken cancellationToken)
        {
            Statuses.Add(status);
            return Task.CompletedTask;
        }
    }
}
