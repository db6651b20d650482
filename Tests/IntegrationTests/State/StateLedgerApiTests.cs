using System.Net;
using System.Net.Http.Json;
using WhatsAppGenesys.Clients.State;
using WhatsAppGenesys.Contracts;
using WhatsAppGenesys.Contracts.State;
using WhatsAppGenesys.IntegrationTests.Telemetry;

namespace WhatsAppGenesys.IntegrationTests.State;

/// <summary>
/// The state manager's two combined calls, on the real service and PostgreSQL: recording a message together with
/// resolving its conversation, and moving a ledger row by the provider's message id. Each replaces two round trips
/// the pipeline made per message, so each must mean exactly what the two calls meant.
/// </summary>
public sealed class StateLedgerApiTests(AppFixture fixture)
{
    private readonly StateManagerClient _state = new(fixture.Client(ServiceNames.StateManager));

    [Fact]
    public async Task RecordingAMessageInAConversationCreatesBothOnceAndMovesTheLastInboundMessage()
    {
        var ct = TestContext.Current.CancellationToken;
        var tenant = NewTenant();
        var customer = NewCustomer();
        var first = Inbound(customer, "wamid.first", DateTimeOffset.UtcNow.AddSeconds(-10));

        var created = await _state.RecordInConversationAsync(tenant, first, ct);
        Assert.True(created.Created);
        Assert.Equal(MessageStatus.Received, created.Message.Status);
        Assert.Equal(created.Conversation.ConversationId, created.Message.ConversationId);
        Assert.Equal("wamid.first", created.Conversation.LastInboundMessageId);
        Assert.Equal(CustomerChannel.WhatsApp, created.Conversation.LastInboundChannel);

        // The provider's redelivery: the same row, not a second one, and the conversation as it was.
        var again = await _state.RecordInConversationAsync(tenant, first, ct);
        Assert.False(again.Created);
        Assert.Equal(created.Message.CreatedAt, again.Message.CreatedAt);
        Assert.Equal(created.Conversation.ConversationId, again.Conversation.ConversationId);

        var second = await _state.RecordInConversationAsync(tenant, Inbound(customer, "wamid.second", DateTimeOffset.UtcNow), ct);
        Assert.Equal(created.Conversation.ConversationId, second.Conversation.ConversationId);
        Assert.Equal("wamid.second", second.Conversation.LastInboundMessageId);

        // What the cache and the table say afterwards: the same conversation, with the newest inbound message.
        var mapping = await _state.FindMappingAsync(tenant, customer, ct);
        Assert.Equal(created.Conversation.ConversationId, mapping!.ConversationId);
        Assert.Equal("wamid.second", mapping.LastInboundMessageId);
        Assert.Equal(2, (await LedgerAsync(tenant, mapping.ConversationId, ct)).Count);

        // Another tenant's key reaches neither the conversation nor the message.
        Assert.Null(await _state.FindMappingAsync(NewTenant(), customer, ct));
        Assert.Null(await _state.FindMessageAsync(NewTenant(), MessageDirection.Inbound, "wamid.first", ct));
    }

    [Fact]
    public async Task AnOlderInboundMessageRecordedLateDoesNotMoveTheLastInboundMessageBack()
    {
        var ct = TestContext.Current.CancellationToken;
        var tenant = NewTenant();
        var customer = NewCustomer();
        await _state.RecordInConversationAsync(tenant, Inbound(customer, "wamid.new", DateTimeOffset.UtcNow), ct);

        var late = await _state.RecordInConversationAsync(tenant, Inbound(customer, "wamid.old", DateTimeOffset.UtcNow.AddMinutes(-5)), ct);

        Assert.True(late.Created);
        Assert.Equal("wamid.new", late.Conversation.LastInboundMessageId);
        Assert.Equal("wamid.new", (await _state.FindMappingAsync(tenant, customer, ct))!.LastInboundMessageId);
    }

    [Fact]
    public async Task AProvidersStatusMovesTheRowItNamesForwardOnlyAndSaysWhatItWasBefore()
    {
        var ct = TestContext.Current.CancellationToken;
        var tenant = NewTenant();
        var genesysId = Guid.NewGuid().ToString();
        var wamid = $"wamid.{Guid.NewGuid():N}";
        await _state.RecordInConversationAsync(tenant, new RecordInConversationRequest(Conversation(NewCustomer()), MessageDirection.Outbound,
            genesysId, DateTimeOffset.UtcNow, WhatsAppMessageId: wamid, GenesysMessageId: genesysId), ct);

        var delivered = await _state.UpdateStatusByWhatsAppIdAsync(tenant, wamid, new UpdateMessageStatusRequest(MessageStatus.Delivered), ct);
        Assert.Equal(MessageStatus.Received, delivered!.PreviousStatus);
        Assert.Equal(MessageStatus.Delivered, delivered.Message.Status);
        Assert.Equal(genesysId, delivered.Message.MessageId);
        Assert.Equal(MessageDirection.Outbound, delivered.Message.Direction);
        Assert.Equal(MessageStatus.Received, delivered.Before.Status);

        // A "sent" that arrives after "delivered" changes nothing, and says so.
        var late = await _state.UpdateStatusByWhatsAppIdAsync(tenant, wamid, new UpdateMessageStatusRequest(MessageStatus.Sent), ct);
        Assert.Equal(MessageStatus.Delivered, late!.PreviousStatus);
        Assert.Equal(MessageStatus.Delivered, late.Message.Status);

        var failed = await _state.UpdateStatusByWhatsAppIdAsync(tenant, wamid, new UpdateMessageStatusRequest(MessageStatus.Failed, "131026: undeliverable"), ct);
        Assert.Equal(MessageStatus.Failed, failed!.Message.Status);
        Assert.Equal("131026: undeliverable", failed.Message.StatusReason);
        Assert.Equal(MessageStatus.Failed, (await _state.FindMessageAsync(tenant, MessageDirection.Outbound, genesysId, ct))!.Status);

        // An id nobody recorded, or one recorded for another tenant: not found, and nothing moves.
        Assert.Null(await _state.UpdateStatusByWhatsAppIdAsync(tenant, $"wamid.{Guid.NewGuid():N}", new UpdateMessageStatusRequest(MessageStatus.Read), ct));
        Assert.Null(await _state.UpdateStatusByWhatsAppIdAsync(NewTenant(), wamid, new UpdateMessageStatusRequest(MessageStatus.Read), ct));
    }

    [Fact]
    public async Task ARowWhoseOwnIdIsTheProvidersIdIsFoundWhenNoRowCarriesItAsItsWamid()
    {
        var ct = TestContext.Current.CancellationToken;
        var tenant = NewTenant();
        var wamid = $"wamid.{Guid.NewGuid():N}";
        // A writer that recorded the provider's id only as the message's own id.
        await _state.RecordInConversationAsync(tenant, new RecordInConversationRequest(Conversation(NewCustomer()), MessageDirection.Outbound,
            wamid, DateTimeOffset.UtcNow), ct);

        var read = await _state.UpdateStatusByWhatsAppIdAsync(tenant, wamid, new UpdateMessageStatusRequest(MessageStatus.Read), ct);

        Assert.Equal(MessageStatus.Read, read!.Message.Status);
        Assert.Equal(wamid, read.Message.WhatsAppMessageId);
        Assert.Equal(wamid, (await _state.FindByWhatsAppIdAsync(tenant, wamid, ct))!.WhatsAppMessageId);
    }

    [Fact]
    public async Task StatusesOfManyMessagesAtOnceShareTransactionsAndEachSaysWhatItsRowWasBefore()
    {
        var ct = TestContext.Current.CancellationToken;
        var tenant = NewTenant();
        var wamids = Enumerable.Range(0, 40).Select(_ => $"wamid.{Guid.NewGuid():N}").ToList();
        await Task.WhenAll(wamids.Select(wamid => _state.RecordInConversationAsync(tenant, new RecordInConversationRequest(
            Conversation(NewCustomer()), MessageDirection.Outbound, wamid, DateTimeOffset.UtcNow, WhatsAppMessageId: wamid), ct)));

        // Forty requests at once, as the inbound transformer's consumers make them under a campaign's statuses, and one
        // status of an id nobody recorded among them.
        var since = DateTime.UtcNow;
        var unknown = $"wamid.{Guid.NewGuid():N}";
        var answers = await Task.WhenAll(wamids.Append(unknown).Select((wamid, i) =>
            _state.UpdateStatusByWhatsAppIdAsync(tenant, wamid, new UpdateMessageStatusRequest(i % 2 == 0 ? MessageStatus.Delivered : MessageStatus.Read), ct)));

        for (var i = 0; i < wamids.Count; i++)
        {
            Assert.Equal(MessageStatus.Received, answers[i]!.PreviousStatus);
            Assert.Equal(wamids[i], answers[i]!.Message.MessageId);
            Assert.Equal(i % 2 == 0 ? MessageStatus.Delivered : MessageStatus.Read, answers[i]!.Message.Status);
        }
        Assert.Null(answers[^1]);
        // Then each row once more, all at once: every answer names the status the burst before left.
        var again = await Task.WhenAll(wamids.Select(wamid => _state.UpdateStatusByWhatsAppIdAsync(tenant, wamid, new UpdateMessageStatusRequest(MessageStatus.Read), ct)));
        Assert.Equal(wamids.Select((_, i) => i % 2 == 0 ? MessageStatus.Delivered : MessageStatus.Read), again.Select(a => a!.PreviousStatus));
        Assert.All(again, a => Assert.Equal(MessageStatus.Read, a!.Message.Status));
        var largest = await TelemetryFiles.LargestBatchAsync(fixture.SpanDirectory, ServiceNames.StateManager, "ledger statuses", since, ct);
        Assert.True(largest > 1, $"every ledger status transaction held one status (largest {largest})");
    }

    [Fact]
    public async Task BadRequestsAreRefusedWithWhatWasWrong()
    {
        var ct = TestContext.Current.CancellationToken;
        var http = fixture.Client(ServiceNames.StateManager);

        using var noCustomer = Request(HttpMethod.Post, "/state/conversation/message",
            new RecordInConversationRequest(Conversation(" "), MessageDirection.Inbound, "wamid.x", DateTimeOffset.UtcNow));
        using var noCustomerAnswer = await http.SendAsync(noCustomer, ct);
        Assert.Equal(HttpStatusCode.BadRequest, noCustomerAnswer.StatusCode);
        Assert.Contains("customerId", await noCustomerAnswer.Content.ReadAsStringAsync(ct));

        using var badStatus = Request(HttpMethod.Patch, "/state/message/by-wamid/wamid.x/status", new UpdateMessageStatusRequest("bounced"));
        using var badStatusAnswer = await http.SendAsync(badStatus, ct);
        Assert.Equal(HttpStatusCode.BadRequest, badStatusAnswer.StatusCode);
        Assert.Contains("status", await badStatusAnswer.Content.ReadAsStringAsync(ct));
    }


    private async Task<List<TrackedMessage>> LedgerAsync(string tenant, Guid conversationId, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/state/conversation/{conversationId}/messages");
        request.Headers.Add("X-Tenant-ID", tenant);
        using var response = await fixture.Client(ServiceNames.StateManager).SendAsync(request, ct);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<List<TrackedMessage>>(ct))!;
    }

    private static HttpRequestMessage Request(HttpMethod method, string path, object body)
    {
        var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("X-Tenant-ID", NewTenant());
        return request;
    }

    private static RecordInConversationRequest Inbound(string customer, string wamid, DateTimeOffset occurredAt) =>
        new(Conversation(customer), MessageDirection.Inbound, wamid, occurredAt, WhatsAppMessageId: wamid, Channel: CustomerChannel.WhatsApp);

    private static EnsureMappingRequest Conversation(string customer) => new(customer, customer, null, "Ledger Test", "phone-1", null);

    // The state manager trusts the tenant header it is given (only services behind the gateway call it), so a fresh id
    // per test keeps these rows apart from every other test's.
    private static string NewTenant() => $"ledger-{Guid.NewGuid():N}"[..32];

    private static string NewCustomer() => $"4477{Random.Shared.NextInt64(10_000_000, 99_999_999)}";
}
