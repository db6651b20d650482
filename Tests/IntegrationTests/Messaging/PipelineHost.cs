using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WhatsAppGenesys.Messaging;
using WhatsAppGenesys.Messaging.Admin;
using WhatsAppGenesys.Messaging.Handling;
using WhatsAppGenesys.Messaging.Publishing;
using WhatsAppGenesys.Messaging.Topology;

namespace WhatsAppGenesys.IntegrationTests.Messaging;

/// <summary>
/// A small service built the way the transformers are: RabbitMQ and Redis client integrations, a pipeline consumer
/// (optional), the publisher and the admin endpoints, on Kestrel at a free port.
/// </summary>
internal sealed class PipelineHost : IAsyncDisposable
{
    private PipelineHost(WebApplication app, string pipeline, MessagingInfrastructure infrastructure)
    {
        App = app;
        _infrastructure = infrastructure;
        Pipeline = pipeline;
        Publisher = app.Services.GetRequiredService<PipelinePublisher>();
        Admin = app.Services.GetRequiredService<PipelineAdmin>();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        Http = new HttpClient { BaseAddress = new Uri(address) };
    }

    private readonly MessagingInfrastructure _infrastructure;

    public WebApplication App { get; }

    public string Pipeline { get; }

    public PipelinePublisher Publisher { get; }

    public PipelineAdmin Admin { get; }

    public HttpClient Http { get; }

    /// <summary>Test settings: fast back-off so retry scenarios finish in seconds.</summary>
    public static void FastRetries(PipelineOptions options)
    {
        options.Partitions = 4;
        options.RetryBaseDelay = TimeSpan.FromMilliseconds(50);
        options.RetryMaxDelay = TimeSpan.FromMilliseconds(400);
        options.DeferDelay = TimeSpan.FromMilliseconds(20);
        options.ShutdownTimeout = TimeSpan.FromSeconds(2);
        // Still far above the test handlers' milliseconds: a consumer that stops moving under a test's load is
        // restarted in seconds, where the production 45 s once added minutes to a cluster test.
        options.StallTimeout = TimeSpan.FromSeconds(10);
    }

    /// <summary>The test settings on queues of <paramref name="queueType"/>.</summary>
    public static Action<PipelineOptions> FastRetriesOn(QueueType queueType) => options =>
    {
        FastRetries(options);
        options.QueueType = queueType;
    };

    public static async Task<PipelineHost> StartAsync(
        MessagingInfrastructure infrastructure,
        string pipeline,
        Func<MessageContext, CancellationToken, ValueTask<MessageOutcome>>? handle,
        Action<PipelineOptions>? configure = null,
        string name = "pipeline-host",
        Action<IServiceCollection>? services = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = name, EnvironmentName = "Production" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:rabbitmq"] = infrastructure.RabbitMQ,
            ["ConnectionStrings:redis"] = infrastructure.Redis,
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        builder.AddRabbitMQConnection("rabbitmq");
        builder.AddRedisConnection("redis");
        // Before the pipeline's own registrations, which only fill what is still missing.
        services?.Invoke(builder.Services);
        builder.AddPipelinePublisher(pipeline, configure ?? FastRetries);
        if (handle is not null)
        {
            builder.AddPipelineConsumer(pipeline, handle, configure ?? FastRetries);
        }

        var app = builder.Build();
        app.MapPipelineAdminEndpoints(pipeline);
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new PipelineHost(app, pipeline, infrastructure);
    }

    /// <summary>Waits until every work queue of the pipeline has <paramref name="consumers"/> consumers.</summary>
    public async Task WaitForConsumersAsync(int consumers, TimeSpan timeout)
    {
        var quorum = App.Services.GetRequiredService<PipelineRegistry>().Get(Pipeline).QueueType == QueueType.Quorum;
        using var cts = new CancellationTokenSource(timeout);
        while (true)
        {
            try
            {
                var counts = quorum ? await CountWithRabbitMQCtlAsync() : await CountOverAmqpAsync(cts.Token);
                if (counts.Count == Partitions && counts.All(c => c == consumers))
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The broker may be restarting; ask again.
            }
            await Task.Delay(quorum ? 1000 : 100, cts.Token);
        }
    }

    private int Partitions => App.Services.GetRequiredService<PipelineRegistry>().Get(Pipeline).Partitions;

    private async Task<List<int>> CountOverAmqpAsync(CancellationToken ct) =>
        (await Admin.CountsAsync(Pipeline, ct)).Where(d => IsWorkQueue(d.Queue)).Select(d => (int)d.Consumers).ToList();

    private async Task<List<int>> CountWithRabbitMQCtlAsync()
    {
        var byQueue = await _infrastructure.ConsumersByQueueAsync();
        return Enumerable.Range(0, Partitions).Select(i => byQueue.GetValueOrDefault(PipelineNames.Partition(Pipeline, i))).ToList();
    }

    private static bool IsWorkQueue(string queue) => System.Text.RegularExpressions.Regex.IsMatch(queue, @"\.p\d+$");

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync(CancellationToken.None);
        await App.DisposeAsync();
    }
}
