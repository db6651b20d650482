using WhatsAppGenesys.Contracts.Operations;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace WhatsAppGenesys.IntegrationTests.Faults;

/// <summary>
/// A pipeline's admin API (Shared/Messaging/Admin) on its transformer: queue depths and parked messages. Asks each
/// replica in turn, since a scenario may just have killed one.
/// </summary>
public sealed class PipelineAdminClient(AppFixture fixture, string transformer, string pipeline)
{
    public static bool IsParkingQueue(string queue) =>
        queue.EndsWith(".dead-letter", StringComparison.Ordinal) || queue.EndsWith(".error", StringComparison.Ordinal);

    /// <summary>Ready messages and consumers of every queue of the pipeline.</summary>
    public async Task<Dictionary<string, QueueDepth>> QueueDepthsAsync(CancellationToken ct) =>
        (await GetAsync("queues", ct)).Select(q => q!.AsObject())
            .ToDictionary(q => q["queue"]!.GetValue<string>(),
                q => new QueueDepth(q["queue"]!.GetValue<string>(), q["messages"]!.GetValue<uint>(), q["consumers"]!.GetValue<uint>()));

    /// <summary>Everything in the dead-letter and error queues, with the reason the pipeline gave.</summary>
    public async Task<List<ParkedEntry>> ParkedAsync(CancellationToken ct)
    {
        var parked = new List<ParkedEntry>();
        foreach (var lot in new[] { "dead-letters", "errors" })
        {
            parked.AddRange((await GetAsync($"{lot}?limit=10000", ct)).Select(p => p!.AsObject())
                .Select(p => new ParkedEntry(lot, p["messageId"]!.GetValue<string>(), p["reason"]?.GetValue<string>() ?? "")));
        }
        return parked;
    }

    private async Task<JsonArray> GetAsync(string path, CancellationToken ct)
    {
        var replicas = Math.Max(1, fixture.App.GetProcessIds(transformer).Count);
        for (var replica = 0; ; replica++)
        {
            try
            {
                using var client = fixture.App.CreateHttpClient(transformer, replica);
                return (await client.GetFromJsonAsync<JsonArray>($"/admin/pipelines/{pipeline}/{path}", ct))!;
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException && replica < replicas)
            {
                // That replica is down (a scenario killed it): it refuses the connection or, while the AppHost still
                // lists it as running, its process is already gone (no /proc/{pid} to read its address from). Ask the next.
            }
        }
    }
}
