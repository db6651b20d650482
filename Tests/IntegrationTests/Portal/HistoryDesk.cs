using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Npgsql;
using WhatsAppGenesys.IntegrationTests.Gateway;
using WhatsAppGenesys.IntegrationTests.Outbound;

namespace WhatsAppGenesys.IntegrationTests.Portal;

/// <summary>
/// The console's view of conversation history, through the gateway with tenant keys, next to the simulators that
/// make the conversations happen: customers write in the Meta sandbox (the demo tenant's business number) and agents
/// answer in the Genesys sandbox.
/// </summary>
internal sealed class HistoryDesk(AppFixture fixture)
{
    public const string DemoTenant = "demo";

    public GatewayHarness Gateway { get; } = new(fixture);

    public AgentDesk Agents { get; } = new(fixture);

    /// <summary>A gateway client with a fresh key of the demo tenant, the one the Meta sandbox's number belongs to.</summary>
    public async Task<HttpClient> DemoClientAsync(CancellationToken ct) =>
        Gateway.Client((await Gateway.CreateApiKeyAsync(DemoTenant, ct)).ApiKey);

    public static string CustomerMessages(string customer, int limit = 200) => $"/api/v1/portal/customers/{Uri.EscapeDataString(customer)}/messages?limit={limit}";

    public static List<JsonObject> Items(JsonObject page) => page["items"]!.AsArray().Select(i => i!.AsObject()).ToList();

    /// <summary>GETs a page; a 429 (other tests share the demo tenant's budget) is waited out.</summary>
    public static async Task<(HttpStatusCode Status, JsonObject? Body)> GetAsync(HttpClient client, string url, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var response = await client.GetAsync(url, ct);
            if (response.StatusCode == HttpStatusCode.TooManyRequests && attempt < 20)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500), ct);
                continue;
            }
            var body = response.Content.Headers.ContentLength == 0 ? null : await response.Content.ReadFromJsonAsync<JsonObject>(ct);
            return (response.StatusCode, body);
        }
    }

    /// <summary>Polls a history URL until <paramref name="done"/> holds for its first page's items; returns them.</summary>
    public static async Task<List<JsonObject>> WaitForAsync(HttpClient client, string url, Func<List<JsonObject>, bool> done, CancellationToken ct,
        TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var (status, body) = await GetAsync(client, url, ct);
            var items = status == HttpStatusCode.OK ? Items(body!) : [];
            if (done(items))
            {
                return items;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{url} answered {(int)status}; items: {string.Join(", ", items.Select(i => i.ToJsonString()))}");
            }
            await Task.Delay(300, ct);
        }
    }

    /// <summary>A connection to portaldb itself, for what the API does not show (the erasure audit).</summary>
    public async Task<NpgsqlConnection> PortalDatabaseAsync(CancellationToken ct)
    {
        var connection = new NpgsqlConnection(await fixture.ConnectionStringAsync("portaldb"));
        await connection.OpenAsync(ct);
        return connection;
    }

    public static long UnixSeconds(DateTimeOffset time) => time.ToUnixTimeSeconds();

    public static DateTimeOffset Time(JsonObject item, string field = "occurredAt") => item[field]!.GetValue<DateTimeOffset>();

    public static string? Text(JsonObject item) => item["text"]?.GetValue<string>();

    public static string Str(JsonObject item, string field) => item[field]!.GetValue<string>();
}
