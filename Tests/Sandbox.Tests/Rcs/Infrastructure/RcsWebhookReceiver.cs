using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace WhatsAppGenesys.Sandbox.Tests.Rcs.Infrastructure;

// One POST the receiver got. With RBM's Pub/Sub envelope the user event is the base64-decoded message.data; in the plain
// format it is the body itself.
public sealed record RcsWebhook(byte[] Body, string? Signature, string? ContentType, string? UserAgent, int AnsweredStatus)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public bool IsPubSub => Json.ValueKind == JsonValueKind.Object && Json.TryGetProperty("message", out _);

    public byte[] EventBytes => IsPubSub ? Convert.FromBase64String(Json.GetProperty("message").GetProperty("data").GetString()!) : Body;

    public JsonElement Event => JsonDocument.Parse(EventBytes).RootElement;

    public string? EventType => Event.TryGetProperty("eventType", out var type) ? type.GetString() : null;

    public bool SignatureValid(string clientToken) => GoogSignatureCheck.Verify(EventBytes, Signature, clientToken);
}

// A stand-in for our RCS webhook on real Kestrel (127.0.0.1, free port): records every POST byte for byte, answers
// RBM's verification handshake, and answers the status the test decides (200 by default).
public sealed class RcsWebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RcsWebhook> _received = new();
    private readonly ConcurrentQueue<int> _script = new();

    private RcsWebhookReceiver(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";
    public string Url => $"{BaseUrl}/webhook";
    public string ClientToken { get; set; } = RcsSandboxHost.WebhookSecret;

    public IReadOnlyList<RcsWebhook> All => [.. _received];
    public IReadOnlyList<RcsWebhook> Acknowledged => [.. _received.Where(w => w.AnsweredStatus == 200)];

    public static async Task<RcsWebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new RcsWebhookReceiver(app);
        app.MapPost("/webhook", receiver.HandleAsync);
        await app.StartAsync();
        receiver.BaseUrl = app.Urls.First().TrimEnd('/');
        return receiver;
    }

    /// <summary>The next POSTs are answered with these statuses, then 200.</summary>
    public void Script(params int[] statuses)
    {
        foreach (var status in statuses)
        {
            _script.Enqueue(status);
        }
    }

    public async Task<IReadOnlyList<RcsWebhook>> WaitForAsync(Func<IReadOnlyList<RcsWebhook>, bool> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (DateTime.UtcNow < deadline)
        {
            var acknowledged = Acknowledged;
            if (condition(acknowledged))
            {
                return acknowledged;
            }
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
        throw new TimeoutException($"Condition not met; {All.Count} webhook POSTs received, {Acknowledged.Count} acknowledged.");
    }

    /// <summary>The receipts (DELIVERED, READ) the receiver acknowledged for one agent message, in order.</summary>
    public IReadOnlyList<RcsWebhook> EventsFor(string messageId) =>
        [.. Acknowledged.Where(w => w.EventType is not null && w.Event.TryGetProperty("messageId", out var id) && id.GetString() == messageId)];

    private async Task HandleAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer);
        var body = buffer.ToArray();
        using var json = JsonDocument.Parse(body);
        // RBM's webhook check: answer the secret as plain text when the client token is ours.
        if (json.RootElement.TryGetProperty("clientToken", out var token) && json.RootElement.TryGetProperty("secret", out var secret))
        {
            var ok = token.GetString() == ClientToken;
            context.Response.StatusCode = ok ? 200 : 403;
            await context.Response.WriteAsync(ok ? secret.GetString()! : "", Encoding.UTF8);
            return;
        }
        var status = _script.TryDequeue(out var scripted) ? scripted : 200;
        _received.Enqueue(new RcsWebhook(body, context.Request.Headers["X-Goog-Signature"].FirstOrDefault(), context.Request.ContentType,
            context.Request.Headers.UserAgent.ToString(), status));
        context.Response.StatusCode = status;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
