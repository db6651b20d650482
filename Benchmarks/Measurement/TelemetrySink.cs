using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace WhatsAppGenesys.Benchmarks.Measurement;

/// <summary>
/// Telemetry as a deployment sends it: to a collector on another machine, not to a dashboard on the same two cores.
/// With <c>--telemetry-sink</c> every service exports over OTLP/HTTP to this endpoint in the load generator, which
/// reads each export and throws it away. The services still record and serialize every span, as they would for a
/// collector; what leaves the measurement is the Aspire dashboard's intake (about 4 ms per campaign message in run
/// mode). Reading the bodies costs the load generator's process a little, and is counted there.
/// </summary>
public sealed class TelemetrySink : IAsyncDisposable
{
    private readonly WebApplication _app;
    private long _exports;
    private long _bytes;

    private TelemetrySink(WebApplication app) => _app = app;

    public Uri Endpoint { get; private set; } = null!;

    public long Exports => Interlocked.Read(ref _exports);

    public long Bytes => Interlocked.Read(ref _bytes);

    public static async Task<TelemetrySink> StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var sink = new TelemetrySink(app);
        // OTLP/HTTP posts traces, metrics and logs to /v1/{signal}; an empty 200 is a full success.
        app.MapPost("/v1/{signal}", async (HttpContext context) =>
        {
            var buffer = new byte[16 * 1024];
            long read = 0;
            int n;
            while ((n = await context.Request.Body.ReadAsync(buffer, context.RequestAborted)) > 0)
            {
                read += n;
            }
            Interlocked.Increment(ref sink._exports);
            Interlocked.Add(ref sink._bytes, read);
            context.Response.ContentType = "application/x-protobuf";
        });
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        sink.Endpoint = new Uri(address);
        return sink;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
