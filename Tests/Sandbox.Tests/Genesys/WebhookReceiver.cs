using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace WhatsAppGenesys.Sandbox.Tests.Genesys;

/// <summary>
/// A stand-in for the middleware on real Kestrel (127.0.0.1, free port): records every webhook POST byte for byte,
/// answers with scripted statuses, and serves files the simulator fetches as inbound attachments.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<int> _script = new();
    private readonly ConcurrentDictionary<string, (byte[] Bytes, string Mime)> _files = new();

    private WebhookReceiver(WebApplication app) => _app = app;

    public ConcurrentQueue<ReceivedWebhook> Received { get; } = new();
    public string BaseUrl { get; private set; } = string.Empty;
    public string HookUrl => BaseUrl + "/hook";
    /// <summary>How long each of the next <see cref="SlowRequests"/> webhook POSTs is held before it is answered.</summary>
    public TimeSpan Delay { get; set; }
    public int SlowRequests;

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);

        app.MapPost("/hook", async (HttpContext context) =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer);
            receiver.Received.Enqueue(new ReceivedWebhook(buffer.ToArray(),
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase)));
            if (Interlocked.Decrement(ref receiver.SlowRequests) >= 0)
            {
                await Task.Delay(receiver.Delay);
            }
            return Results.StatusCode(receiver._script.TryDequeue(out var status) ? status : 200);
        });
        app.MapGet("/files/{name}", (string name) =>
            receiver._files.TryGetValue(name, out var file) ? Results.File(file.Bytes, file.Mime) : Results.NotFound());
        app.MapGet("/expired/{name}", () => Results.StatusCode(403));

        await app.StartAsync();
        receiver.BaseUrl = app.Urls.First().TrimEnd('/');
        return receiver;
    }

    /// <summary>The next webhook POSTs are answered with these statuses, then 200.</summary>
    public void Script(params int[] statuses)
    {
        foreach (var status in statuses)
        {
            _script.Enqueue(status);
        }
    }

    public string ServeFile(string name, byte[] bytes, string mime)
    {
        _files[name] = (bytes, mime);
        return $"{BaseUrl}/files/{name}";
    }

    public async Task<IReadOnlyList<ReceivedWebhook>> WaitForAsync(int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (Received.Count < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(25);
        }
        return [.. Received];
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

public sealed record ReceivedWebhook(byte[] Body, IReadOnlyDictionary<string, string> Headers)
{
    public string? Signature => Headers.GetValueOrDefault("X-Hub-Signature-256");
}
