using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using static WhatsAppGenesys.IntegrationTests.Portal.HistoryDesk;

namespace WhatsAppGenesys.IntegrationTests.Portal;

/// <summary>Reads the portal's analytics through the gateway, as a dashboard does.</summary>
internal static class AnalyticsDesk
{
    public static string Range(DateTimeOffset from, DateTimeOffset to, string granularity = "hour") =>
        $"from={Uri.EscapeDataString(Iso(from))}&to={Uri.EscapeDataString(Iso(to))}&granularity={granularity}";

    public static async Task<JsonObject> ReportAsync(HttpClient client, string range, CancellationToken ct)
    {
        var (status, body) = await GetAsync(client, $"/api/v1/portal/analytics?{range}", ct);
        Assert.Equal(HttpStatusCode.OK, status);
        return body!;
    }

    /// <summary>The figures of the report's only period (a one-hour range).</summary>
    public static async Task<JsonObject> HourAsync(HttpClient client, DateTimeOffset hour, CancellationToken ct)
    {
        var report = await ReportAsync(client, Range(hour, hour.AddHours(1)), ct);
        var period = Assert.Single(report["periods"]!.AsArray())!.AsObject();
        Assert.Equal(hour, period["start"]!.GetValue<DateTimeOffset>());
        return period["figures"]!.AsObject();
    }

    /// <summary>Polls an hour's figures until <paramref name="done"/> holds; returns them.</summary>
    public static async Task<JsonObject> WaitForHourAsync(HttpClient client, DateTimeOffset hour, Func<JsonObject, bool> done, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var figures = await HourAsync(client, hour, ct);
            if (done(figures))
            {
                return figures;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The figures of {Iso(hour)} stayed {figures.ToJsonString()}");
            }
            await Task.Delay(300, ct);
        }
    }

    public static long Count(JsonObject figures, string path)
    {
        JsonNode? node = figures;
        foreach (var part in path.Split('.'))
        {
            node = node?[part];
        }
        return node?.GetValue<long>() ?? 0;
    }

    public static double? Number(JsonObject figures, string path)
    {
        JsonNode? node = figures;
        foreach (var part in path.Split('.'))
        {
            node = node?[part];
        }
        return node?.GetValue<double>();
    }

    /// <summary>Everything the tenant has in that hour, added up: zero means no test wrote there yet.</summary>
    public static long Activity(JsonObject figures) =>
        Count(figures, "inbound.total") + Count(figures, "outbound.total") + Count(figures, "failures.total") + Count(figures, "response.count");

    public static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
