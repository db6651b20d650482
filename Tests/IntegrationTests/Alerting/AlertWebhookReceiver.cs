using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using WhatsAppGenesys.AppHost.Infrastructure;
using WhatsAppGenesys.Contracts.Alerts;

namespace WhatsAppGenesys.IntegrationTests.Alerting;

/// <summary>An HTTP endpoint of the test's own on 127.0.0.1 that keeps every alert webhook it receives, bytes and signature header.</summary>
public sealed class AlertWebhookReceiver : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly HttpListener _listener = new();
    private readonly Task _loop;

    public AlertWebhookReceiver()
    {
        Url = $"http://127.0.0.1:{LocalPorts.GetFreePort()}/alerts/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _loop = Task.Run(ReceiveAsync);
    }

    public string Url { get; }

    private int _toRefuse;
    private int _refused;

    /// <summary>The next <paramref name="count"/> requests are answered 503, as an endpoint that is down; they are not kept.</summary>
    public void RefuseNext(int count) => Volatile.Write(ref _toRefuse, count);

    /// <summary>Requests answered 503 so far.</summary>
    public int Refused => Volatile.Read(ref _refused);

    public ConcurrentQueue<Received> Notifications { get; } = new();

    public sealed record Received(byte[] Body, string? Signature)
    {
        public AlertNotification Notification => JsonSerializer.Deserialize<AlertNotification>(Body, Json)!;
    }

    /// <summary>The notifications about one tenant and rule, in arrival order.</summary>
    public List<AlertNotification> About(string tenantId, string rule) =>
        [.. Notifications.Select(n => n.Notification).Where(n => n.Alert.TenantId == tenantId && n.Alert.Rule == rule)];

    public async Task<AlertNotification> WaitForAsync(string tenantId, string rule, string alertEvent, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (About(tenantId, rule).FirstOrDefault(n => n.Event == alertEvent) is { } found)
            {
                return found;
            }
            Assert.True(DateTime.UtcNow < deadline, $"No {alertEvent} notification of {rule} for {tenantId} within {timeout}");
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
    }

    private async Task ReceiveAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
            {
                return;
            }
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            if (Interlocked.Decrement(ref _toRefuse) >= 0)
            {
                Interlocked.Increment(ref _refused);
                context.Response.StatusCode = 503;
                context.Response.Close();
                continue;
            }
            Notifications.Enqueue(new Received(body.ToArray(), context.Request.Headers[AlertSignature.HeaderName]));
            context.Response.StatusCode = 204;
            context.Response.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Close alone: on Linux, Stop() then Close() unregisters the listener twice, and the second time binds its port
        // again for a moment, failing with "Address already in use" if another process took the port in between.
        _listener.Close();
        await _loop;
    }
}
