using System.Net.Http.Json;
using WhatsAppGenesys.Contracts.Alerts;

namespace WhatsAppGenesys.IntegrationTests.Alerting;

/// <summary>Reading alerts through the gateway as an operator or a tenant does, and waiting for one to appear.</summary>
internal static class AlertQueries
{
    // Two minutes: long enough for a send-error alert to resolve after its one-minute test window (AppFixture).
    public static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    public static async Task<List<AlertResponse>> ListAsync(HttpClient client, string path, CancellationToken ct) =>
        (await client.GetFromJsonAsync<List<AlertResponse>>(path, ct))!;

    /// <summary>
    /// The first alert at <paramref name="path"/> that matches, polled until <see cref="Patience"/> runs out;
    /// <paramref name="beforeEachPoll"/> runs before every look (to keep a condition cleared, say).
    /// </summary>
    public static async Task<AlertResponse> WaitForAsync(HttpClient client, string path, Func<AlertResponse, bool> match, CancellationToken ct,
        Func<Task>? beforeEachPoll = null)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            if (beforeEachPoll is not null)
            {
                await beforeEachPoll();
            }
            var alerts = await ListAsync(client, path, ct);
            if (alerts.FirstOrDefault(match) is { } found)
            {
                return found;
            }
            Assert.True(DateTime.UtcNow < deadline,
                $"No matching alert at {path} within {Patience}; there were: [{string.Join("; ", alerts.Select(a => $"{a.Rule}/{a.Subject}: {a.Summary}"))}]");
            await Task.Delay(250, ct);
        }
    }
}
