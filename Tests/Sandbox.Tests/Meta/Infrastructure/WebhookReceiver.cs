using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace WhatsAppGenesys.Sandbox.Tests.Meta.Infrastructure;

public sealed record ReceivedWebhook(byte[] Body, string? Signature, string? ContentType, int AnsweredStatus, bool SignatureValid)
{
    public string Text => Encoding.UTF8.GetString(Body);
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;
    public JsonElement Value => Json.GetProperty("entry")[0].GetProperty("changes")[0].GetProperty("value");
}

// A real Kestrel webhook endpoint on 127.0.0.1 that records every attempt, verifies the hex signature, answers the
// GET handshake, serves files for media links, and answers whatever status the test decides.
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();
    private readonly ConcurrentDictionary<string, (byte[] Content, string ContentType)> _files = new();

    private WebhookReceiver(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";
    public string Url => $"{BaseUrl}/webhook";
    public string AppSecret { get; set; } = MetaSandboxHost.AppSecret;
    public string VerifyToken { get; set; } = "sandbox-verify-token";

    // Decides the status for each attempt; 200 by default, 401 when the signature does not verify.
    public Func<ReceivedWebhook, int> Respond { get; set; } = w => w.SignatureValid ? 200 : 401;

    public IReadOnlyList<ReceivedWebhook> All => [.. _received];
    public IReadOnlyList<ReceivedWebhook> Accepted => [.. _received.Where(w => w.AnsweredStatus is >= 200 and < 300)];

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/webhook", receiver.HandlePostAsync);
        app.MapGet("/webhook", receiver.HandleVerify);
        app.MapGet("/files/{name}", (string name) => receiver._files.TryGetValue(name, out var file)
            ? Results.Bytes(file.Content, file.ContentType)
            : Results.NotFound());
        await app.StartAsync();
        receiver.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return receiver;
    }

    public string ServeFile(string name, byte[] content, string contentType)
    {
        _files[name] = (content, contentType);
        return $"{BaseUrl}/files/{name}";
    }

    public Task<IReadOnlyList<ReceivedWebhook>> WaitForAsync(Func<IReadOnlyList<ReceivedWebhook>, bool> condition,
        TimeSpan? timeout = null) => WaitAsync(() => Accepted, condition, timeout);

    /// <summary>Waits on every attempt, the refused ones included.</summary>
    public Task<IReadOnlyList<ReceivedWebhook>> WaitForAttemptsAsync(Func<IReadOnlyList<ReceivedWebhook>, bool> condition,
        TimeSpan? timeout = null) => WaitAsync(() => All, condition, timeout);

    private async Task<IReadOnlyList<ReceivedWebhook>> WaitAsync(Func<IReadOnlyList<ReceivedWebhook>> read,
        Func<IReadOnlyList<ReceivedWebhook>, bool> condition, TimeSpan? timeout)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (DateTime.UtcNow < deadline)
        {
            var webhooks = read();
            if (condition(webhooks))
            {
                return webhooks;
            }
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
        throw new TimeoutException($"Condition not met; {All.Count} webhook attempts received, {Accepted.Count} accepted.");
    }

    // Webhooks whose value carries a status (or message) with this wamid.
    public IReadOnlyList<JsonElement> StatusesFor(string wamid) =>
        [.. Accepted.SelectMany(w => Changes(w.Json))
            .Where(v => v.TryGetProperty("statuses", out _))
            .SelectMany(v => v.GetProperty("statuses").EnumerateArray())
            .Where(s => s.GetProperty("id").GetString() == wamid)];

    public static IEnumerable<JsonElement> Changes(JsonElement envelope) =>
        envelope.GetProperty("entry").EnumerateArray()
            .SelectMany(e => e.GetProperty("changes").EnumerateArray())
            .Select(c => c.GetProperty("value"));

    private async Task HandlePostAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer);
        var body = buffer.ToArray();
        var signature = context.Request.Headers["X-Hub-Signature-256"].FirstOrDefault();
        var webhook = new ReceivedWebhook(body, signature, context.Request.ContentType, 0, HexSignature.Verify(body, signature, AppSecret));
        var status = Respond(webhook);
        _received.Enqueue(webhook with { AnsweredStatus = status });
        context.Response.StatusCode = status;
        await context.Response.WriteAsync(status is >= 200 and < 300 ? "EVENT_RECEIVED" : "rejected");
    }

    // Meta's handshake: echo hub.challenge when the verify token matches, 403 otherwise.
    private IResult HandleVerify(HttpRequest request) =>
        request.Query["hub.mode"] == "subscribe" && request.Query["hub.verify_token"] == VerifyToken
            ? Results.Text(request.Query["hub.challenge"].ToString())
            : Results.StatusCode(StatusCodes.Status403Forbidden);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
