using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using WhatsAppGenesys.Contracts.Providers;
using WhatsAppGenesys.Contracts.State;

namespace WhatsAppGenesys.UnitTests.Outbound;

/// <summary>
/// The internal services the outbound transformer calls (state manager, WhatsApp API, RCS API, Genesys API), faked in
/// memory behind one HttpMessageHandler: a ledger that behaves like the real one, scripted WhatsApp answers, and a
/// log of every call so tests can see what was sent.
/// </summary>
public sealed class FakeServices : HttpMessageHandler
{
    private readonly ConcurrentDictionary<string, TrackedMessage> _ledger = new();
    private readonly Queue<Func<JsonObject, HttpResponseMessage>> _whatsAppAnswers = new();
    private readonly Queue<ProviderError> _rcsFailures = new();
    private int _wamids;

    public List<(string Service, string Method, string Path, JsonObject? Body)> Calls { get; } = [];

    public ConversationMapping? Mapping { get; set; }

    public IEnumerable<JsonObject> WhatsAppSends => Calls.Where(c => c.Path == "/whatsapp/messages").Select(c => c.Body!);

    public IEnumerable<JsonObject> RcsSends => Calls.Where(c => c.Path == "/rcs/messages").Select(c => c.Body!);

    public IEnumerable<JsonObject> RcsEvents => Calls.Where(c => c.Path == "/rcs/events").Select(c => c.Body!);

    public IEnumerable<JsonObject> Receipts => Calls.Where(c => c.Path == "/genesys/receipts").Select(c => c.Body!["body"]!.AsObject());

    public IEnumerable<string> MarkedRead => Calls.Where(c => c.Path == "/whatsapp/messages/read").Select(c => c.Body!["messageId"]!.GetValue<string>());

    public TrackedMessage? Ledger(string messageId) => _ledger.GetValueOrDefault($"outbound:{messageId}");

    /// <summary>A ledger row that lands right after the first lookup by wamid misses, as a send's record does when its status overtook it.</summary>
    public TrackedMessage? RecordedAfterFirstMiss { get; set; }

    /// <summary>Puts a row in the ledger, as a send's record would.</summary>
    public void Track(TrackedMessage row) => _ledger[$"{row.Direction}:{row.MessageId}"] = row;

    /// <summary>The next send is accepted with a fresh wamid (the default when nothing is scripted).</summary>
    public void NextSendSucceeds() =>
        _whatsAppAnswers.Enqueue(_ => Json(new WhatsAppSendResult($"wamid.{Interlocked.Increment(ref _wamids)}")));

    /// <summary>The next send is answered with this provider error (503 when retryable, else 422).</summary>
    public void NextSendFails(ProviderError error) =>
        _whatsAppAnswers.Enqueue(_ => Json(error, error.Retryable ? HttpStatusCode.ServiceUnavailable : HttpStatusCode.UnprocessableEntity));

    /// <summary>The next RCS send is answered with this provider error (503 when retryable, else 422), as rcs-api's internal route does.</summary>
    public void NextRcsSendFails(ProviderError error) => _rcsFailures.Enqueue(error);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : JsonNode.Parse(await request.Content.ReadAsStringAsync(cancellationToken))?.AsObject();
        var path = request.RequestUri!.AbsolutePath;
        lock (Calls)
        {
            Calls.Add((request.RequestUri.Host, request.Method.Method, path, body));
        }
        return (request.RequestUri.Host, request.Method.Method, path.Split('/', StringSplitOptions.RemoveEmptyEntries)) switch
        {
            ("state-manager", "GET", ["state", "mapping", _]) => Mapping is { } mapping ? Json(mapping) : new HttpResponseMessage(HttpStatusCode.NotFound),
            ("state-manager", "POST", ["state", "mapping"]) => Json(Mapping = NewMapping(body!.Deserialize<EnsureMappingRequest>(JsonSerializerOptions.Web)!)),
            ("state-manager", "GET", ["state", "conversation", _]) => new HttpResponseMessage(HttpStatusCode.NotFound),
            ("state-manager", "POST", ["state", "message"]) => Record(body!.Deserialize<RecordMessageRequest>(JsonSerializerOptions.Web)!),
            ("state-manager", "GET", ["state", "message", var direction, var id]) =>
                _ledger.TryGetValue($"{direction}:{Uri.UnescapeDataString(id)}", out var row) ? Json(row) : new HttpResponseMessage(HttpStatusCode.NotFound),
            ("state-manager", "PATCH", ["state", "message", "by-wamid", var wamid, "status"]) =>
                UpdateByWamid(Uri.UnescapeDataString(wamid), body!.Deserialize<UpdateMessageStatusRequest>(JsonSerializerOptions.Web)!),
            ("state-manager", "PATCH", ["state", "message", var direction, var id, "status"]) =>
                Update($"{direction}:{Uri.UnescapeDataString(id)}", body!.Deserialize<UpdateMessageStatusRequest>(JsonSerializerOptions.Web)!),
            ("whatsapp-api", "POST", ["whatsapp", "messages"]) => _whatsAppAnswers.TryDequeue(out var answer)
                ? answer(body!)
                : Json(new WhatsAppSendResult($"wamid.{Interlocked.Increment(ref _wamids)}")),
            ("whatsapp-api", "POST", ["whatsapp", "messages", "read"]) => Json(new WhatsAppMarkReadResult(true)),
            ("rcs-api", "POST", ["rcs", "messages"]) => _rcsFailures.TryDequeue(out var failure)
                ? Json(failure, failure.Retryable ? HttpStatusCode.ServiceUnavailable : HttpStatusCode.UnprocessableEntity)
                : Json(new SendRcsMessageResponse(Guid.NewGuid().ToString(), "accepted", DateTimeOffset.UtcNow)),
            ("rcs-api", "POST", ["rcs", "events"]) => new HttpResponseMessage(HttpStatusCode.NoContent),
            ("genesys-api", "POST", ["genesys", "receipts"]) => Json(new GenesysDeliveryResult(null, null)),
            _ => new HttpResponseMessage(HttpStatusCode.NotImplemented),
        };
    }

    private static ConversationMapping NewMapping(EnsureMappingRequest request) =>
        new("demo", request.CustomerId, Guid.NewGuid(), request.WaId, request.Bsuid, request.ContactName, request.PhoneNumberId, null,
            DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, null, null);

    private HttpResponseMessage Record(RecordMessageRequest request)
    {
        var now = DateTimeOffset.UtcNow;
        var created = false;
        var row = _ledger.GetOrAdd($"{request.Direction}:{request.MessageId}", _ =>
        {
            created = true;
            return new TrackedMessage("demo", request.Direction, request.MessageId, request.CustomerId, request.ConversationId,
                MessageStatus.Received, request.WhatsAppMessageId, request.GenesysMessageId, null, request.OccurredAt, now, now);
        });
        return Json(new RecordMessageResult(created, row), created ? HttpStatusCode.Created : HttpStatusCode.OK);
    }

    // The state manager's answer: the row after the move, and its status before it.
    private HttpResponseMessage UpdateByWamid(string wamid, UpdateMessageStatusRequest update)
    {
        if (_ledger.Values.FirstOrDefault(r => r.WhatsAppMessageId == wamid) is not { } before)
        {
            if (RecordedAfterFirstMiss is { } arriving)
            {
                RecordedAfterFirstMiss = null;
                Track(arriving);
            }
            return new HttpResponseMessage(HttpStatusCode.NotFound);
        }
        return Json(new ProviderStatusResult(Move($"{before.Direction}:{before.MessageId}", before, update), before.Status));
    }

    private HttpResponseMessage Update(string key, UpdateMessageStatusRequest update) =>
        _ledger.TryGetValue(key, out var row) ? Json(Move(key, row, update)) : new HttpResponseMessage(HttpStatusCode.NotFound);

    // The real ledger's rule: a status never moves back; ids and reasons learnt along the way are kept.
    private TrackedMessage Move(string key, TrackedMessage row, UpdateMessageStatusRequest update)
    {
        static int Rank(string status) => status switch { MessageStatus.Received => 0, MessageStatus.Sent => 1, MessageStatus.Delivered => 2, _ => 3 };
        row = row with
        {
            Status = Rank(update.Status) > Rank(row.Status) ? update.Status : row.Status,
            StatusReason = update.Reason ?? row.StatusReason,
            WhatsAppMessageId = update.WhatsAppMessageId ?? row.WhatsAppMessageId,
        };
        _ledger[key] = row;
        return row;
    }

    private static HttpResponseMessage Json<T>(T value, HttpStatusCode status = HttpStatusCode.OK) =>
        new(status) { Content = JsonContent.Create(value) };
}
