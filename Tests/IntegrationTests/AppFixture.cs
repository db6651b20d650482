using System.Collections.Concurrent;
using Minio;
using WhatsAppGenesys.Hosting;
using WhatsAppGenesys.Hosting.Testing;

[assembly: AssemblyFixture(typeof(WhatsAppGenesys.IntegrationTests.AppFixture))]

namespace WhatsAppGenesys.IntegrationTests;

/// <summary>
/// The AppHost's real model, booted once per test run (free ports, throwaway data) and shared by every test:
/// twelve service processes plus PostgreSQL, Redis, RabbitMQ and the S3 server.
/// </summary>
public sealed class AppFixture : IAsyncLifetime
{
    /// <summary>Every project of the model: the ten services and the two sandboxes.</summary>
    public static readonly string[] Projects =
    [
        "api-gateway", "inbound-transformer", "outbound-transformer", "auth-service", "state-manager", "tenant-service",
        "whatsapp-api", "whatsapp-webhook", "genesys-api", "genesys-webhook", "meta-sandbox", "genesys-sandbox",
    ];

    private readonly ConcurrentDictionary<string, HttpClient> _clients = new();

    public DistributedApplication App { get; private set; } = null!;

    /// <summary>Where every process of the app writes its finished spans, one JSON-lines file per process.</summary>
    public string SpanDirectory { get; } = Directory.CreateTempSubdirectory("wag-spans-").FullName;

    /// <summary>An HttpClient for a project, addressed at its first replica.</summary>
    public HttpClient Client(string resourceName) => _clients.GetOrAdd(resourceName, name => App.CreateHttpClient(name));

    public async Task<string> ConnectionStringAsync(string resourceName) =>
        await App.GetConnectionStringAsync(resourceName) ?? throw new InvalidOperationException($"{resourceName} has no connection string.");

    /// <summary>An S3 client on the same server the services use.</summary>
    public async Task<IMinioClient> S3ClientAsync()
    {
        var parts = (await ConnectionStringAsync("minio")).Split(';').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        var endpoint = new Uri(parts["Endpoint"]);
        return new MinioClient().WithEndpoint(endpoint.Host, endpoint.Port).WithCredentials(parts["AccessKey"], parts["SecretKey"])
            .WithRegion("us-east-1").Build();
    }

    /// <summary>
    /// Keys under a prefix. Read from the S3 listing XML directly: s3rver answers it in a namespace the Minio 7 client
    /// does not recognise (it then lists nothing), while MinIO and S3 use the standard one.
    /// </summary>
    public async Task<List<string>> ListS3KeysAsync(string bucket, string prefix)
    {
        var endpoint = (await ConnectionStringAsync("minio")).Split(';').First(p => p.StartsWith("Endpoint=", StringComparison.Ordinal))["Endpoint=".Length..];
        using var http = new HttpClient();
        var xml = System.Xml.Linq.XDocument.Parse(await http.GetStringAsync($"{endpoint}/{bucket}?list-type=2&prefix={Uri.EscapeDataString(prefix)}"));
        return xml.Descendants().Where(e => e.Name.LocalName == "Key").Select(e => e.Value).ToList();
    }

    public async ValueTask InitializeAsync()
    {
        var appHost = await DistributedApplicationTestingBuilder.CreateAsync<Program>([], (_, configuration) =>
        {
            configuration["AppHost:Environment:Telemetry__SpanDirectory"] = SpanDirectory;
            // Two of each transformer, as a highly available deployment runs them: one consumes each partition, the
            // other stands by (the fault-injection suite kills one mid-burst).
            configuration["AppHost:InboundTransformerReplicas"] = "2";
            configuration["AppHost:OutboundTransformerReplicas"] = "2";
            // Our own per-tenant Genesys budget (300 a minute, Genesys's default) would make a 2,000-message burst
            // through the demo tenant take seven minutes; the fault suite lifts the simulator's limit the same way.
            configuration["AppHost:Resources:genesys-api:Environment:Genesys__RequestsPerMinutePerTenant"] = "1000000";
        });
        App = await appHost.BuildAsync();
        await App.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }
        if (App is not null)
        {
            await App.DisposeAsync();
        }
        Directory.Delete(SpanDirectory, recursive: true);
    }
}
