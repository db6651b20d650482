using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using WhatsAppGenesys.IntegrationTests.Inbound;
using static WhatsAppGenesys.IntegrationTests.Portal.AnalyticsDesk;
using static WhatsAppGenesys.IntegrationTests.Portal.HistoryDesk;

namespace WhatsAppGenesys.IntegrationTests.Portal;

/// <summary>
/// The analytics of a real conversation, end to end: a customer writes in the Meta sandbox, an agent answers in the
/// Genesys sandbox (once read, once failed with Meta's 131026), and the figures of that hour, as JSON and as CSV,
/// are exactly what the test sent. The conversation is placed in an hour of its own in the past (Meta's timestamps
/// for the customer, Genesys's channel.time for the agent), so the demo tenant's other traffic never mixes in.
/// </summary>
[Collection(nameof(ConversationHistoryCollection))]
public sealed class AnalyticsTests(AppFixture fixture)
{
    private readonly HistoryDesk _desk = new(fixture);

    [Fact]
    public async Task AnHoursFiguresAreTheMessagesStatusesFailuresAndResponseTimesTheTestCaused()
    {
        var ct = TestContext.Current.CancellationToken;
        using var portal = await _desk.DemoClientAsync(ct);
        var hour = await QuietHourAsync(portal, ct);
        var customer = Sandboxes.NewCustomer();
        // Whole seconds: Meta's timestamps have no fractions.
        var t0 = hour.AddMinutes(10);

        await _desk.Agents.Sandboxes.CustomerSendsAsync(customer, new { type = "text", text = "Where is my order?", timestamp = UnixSeconds(t0) });
        await _desk.Agents.Sandboxes.CustomerSendsAsync(customer,
            new { type = "image", media = new { base64 = Convert.ToBase64String([0x89, 0x50, 0x4E, 0x47, 1, 2, 3]), mimeType = "image/png" }, timestamp = UnixSeconds(t0.AddSeconds(20)) });
        await _desk.Agents.Sandboxes.WaitForAgentMessagesAsync(customer, 2);
        var conversation = (await _desk.Agents.Sandboxes.ConversationAsync(customer))!["id"]!.GetValue<string>();
        // The first answer comes 95 s after the customer's first message (Genesys's time, which the history keeps).
        await _desk.Agents.AgentSendsAsync(conversation, new { text = "Let me look.", time = t0.AddSeconds(95) });
        await WaitForAsync(portal, CustomerMessages(customer), items => items.Count == 3 && items[2]["status"]?.GetValue<string>() == "read", ct);

        // The customer writes again; the answer, 120 s later, fails: Meta cannot reach them (131026).
        await _desk.Agents.Sandboxes.CustomerSendsAsync(customer, new { type = "text", text = "Any news?", timestamp = UnixSeconds(t0.AddSeconds(300)) });
        await _desk.Agents.Sandboxes.WaitForAgentMessagesAsync(customer, 3);
        await _desk.Agents.MarkUnreachableAsync(customer);
        await _desk.Agents.AgentSendsAsync(conversation, new { text = "It ships today.", time = t0.AddSeconds(420) });
        await WaitForAsync(portal, CustomerMessages(customer), items => items.Count == 5 && items[4]["status"]?.GetValue<string>() == "failed", ct);

        var figures = await WaitForHourAsync(portal, hour, f => Count(f, "failures.total") == 1 && Count(f, "read") == 1, ct);

        Assert.Equal((3L, 2L, 1L), (Count(figures, "inbound.total"), Count(figures, "inbound.byType.text"), Count(figures, "inbound.byType.image")));
        Assert.Equal((2L, 2L), (Count(figures, "outbound.total"), Count(figures, "outbound.byType.text")));
        Assert.Equal((1L, 1L), (Count(figures, "delivered"), Count(figures, "read")));
        Assert.Equal((0.5, 0.5), (Number(figures, "deliveredRate"), Number(figures, "readRate")));
        Assert.Equal((1L, 1L), (Count(figures, "failures.total"), Count(figures, "failures.byCode.131026")));
        Assert.Single(figures["failures"]!["byCode"]!.AsObject());
        // First response: the customer's first message to the first answer. Responses: each answer to a waiting customer.
        Assert.Equal((1L, 95.0), (Count(figures, "firstResponse.count"), Number(figures, "firstResponse.averageSeconds")));
        Assert.Equal((2L, 107.5), (Count(figures, "response.count"), Number(figures, "response.averageSeconds")));

        // The neighbouring hours hold none of it.
        var around = await ReportAsync(portal, Range(hour.AddHours(-1), hour.AddHours(2)), ct);
        var periods = around["periods"]!.AsArray().Select(p => p!.AsObject()).ToList();
        Assert.Equal([hour.AddHours(-1), hour, hour.AddHours(1)], periods.Select(p => p["start"]!.GetValue<DateTimeOffset>()));
        Assert.Equal(3L, Count(periods[1]["figures"]!.AsObject(), "inbound.total"));
        Assert.Equal(3L, Count(around["totals"]!.AsObject(), "inbound.total") - Count(periods[0]["figures"]!.AsObject(), "inbound.total")
            - Count(periods[2]["figures"]!.AsObject(), "inbound.total"));

        // The CSV carries the same numbers.
        var csv = await CsvAsync(portal, Range(hour, hour.AddHours(1)), ct);
        Assert.Equal("period_start,period_end,metric,dimension,value", csv[0]);
        var start = $"{Iso(hour)},{Iso(hour.AddHours(1))},";
        Assert.All(csv.Skip(1), line => Assert.StartsWith(start, line, StringComparison.Ordinal));
        var values = csv.Skip(1).Select(l => l[start.Length..].Split(',')).ToDictionary(f => $"{f[0]}:{f[1]}", f => f[2]);
        Assert.Equal("3", values["inbound_total:"]);
        Assert.Equal(("2", "1"), (values["inbound:text"], values["inbound:image"]));
        Assert.Equal(("2", "2"), (values["outbound_total:"], values["outbound:text"]));
        Assert.Equal(("1", "1", "0.5", "0.5"), (values["delivered:"], values["read:"], values["delivered_rate:"], values["read_rate:"]));
        Assert.Equal(("1", "1"), (values["failed_total:"], values["failed:131026"]));
        Assert.Equal(("1", "95"), (values["first_response_count:"], values["first_response_avg_seconds:"]));
        Assert.Equal(("2", "107.5"), (values["response_count:"], values["response_avg_seconds:"]));

        // Another tenant's key sees nothing of it, in either form, whatever X-Tenant-ID it sends.
        var (_, otherKey) = await _desk.Gateway.CreateTenantWithKeyAsync(ct);
        using var other = _desk.Gateway.Client(otherKey);
        other.DefaultRequestHeaders.Add("X-Tenant-ID", DemoTenant);
        var theirs = await HourAsync(other, hour, ct);
        Assert.Equal(0L, Activity(theirs));
        Assert.Equal((0L, 0L), (Count(theirs, "delivered"), Count(theirs, "firstResponse.count")));
        Assert.Null(Number(theirs, "deliveredRate"));
        var theirCsv = await CsvAsync(other, Range(hour, hour.AddHours(1)), ct);
        Assert.Contains($"{start}inbound_total,,0", theirCsv);
        Assert.DoesNotContain(theirCsv, line => line.Contains("131026", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ADayIsTheSumOfItsHours()
    {
        var ct = TestContext.Current.CancellationToken;
        using var portal = await _desk.DemoClientAsync(ct);
        var day = new DateTimeOffset(DateTimeOffset.UtcNow.UtcDateTime.Date.AddDays(-1), TimeSpan.Zero);

        // Read twice, hours last: other tests only add, so the day can only be at most what its hours add up to later.
        var byDay = await ReportAsync(portal, Range(day, day.AddDays(1), "day"), ct);
        var byHour = await ReportAsync(portal, Range(day, day.AddDays(1)), ct);

        var hours = byHour["periods"]!.AsArray().Select(p => p!["figures"]!.AsObject()).ToList();
        Assert.Equal(24, hours.Count);
        var dayFigures = Assert.Single(byDay["periods"]!.AsArray())!["figures"]!.AsObject();
        foreach (var figure in new[] { "inbound.total", "outbound.total", "delivered", "read", "failures.total", "firstResponse.count", "response.count" })
        {
            Assert.True(Count(dayFigures, figure) <= hours.Sum(h => Count(h, figure)), figure);
            Assert.Equal(Count(byHour["totals"]!.AsObject(), figure), hours.Sum(h => Count(h, figure)));
        }
    }

    [Theory]
    [InlineData("from=2026-03-02&to=2026-03-01", "to")]
    [InlineData("from=2026-03-01&to=2026-03-01", "to")]
    [InlineData("from=2026-01-01&to=2026-03-01&granularity=hour", "to")]
    [InlineData("from=2024-01-01&to=2026-03-01&granularity=day", "to")]
    [InlineData("from=yesterday", "from")]
    [InlineData("granularity=week", "granularity")]
    public async Task BadRangesAreClear400s(string query, string field)
    {
        var ct = TestContext.Current.CancellationToken;
        using var portal = await _desk.DemoClientAsync(ct);

        foreach (var path in new[] { "/api/v1/portal/analytics", "/api/v1/portal/analytics/export.csv" })
        {
            var (status, problem) = await GetAsync(portal, $"{path}?{query}", ct);

            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Contains(field, problem!["errors"]!.AsObject().Select(e => e.Key));
        }
    }

    /// <summary>An hour between 3 and 20 hours ago that holds nothing yet (the customer service window stays open).</summary>
    private static async Task<DateTimeOffset> QuietHourAsync(HttpClient portal, CancellationToken ct)
    {
        var now = DateTimeOffset.UtcNow;
        var offset = Random.Shared.Next(3, 21);
        for (var tried = 0; tried < 18; tried++)
        {
            var hour = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero).AddHours(-(3 + (offset + tried) % 18));
            if (Activity(await HourAsync(portal, hour, ct)) == 0)
            {
                return hour;
            }
        }
        throw new InvalidOperationException("Every hour from 3 to 20 hours ago already has traffic of the demo tenant.");
    }

    private static async Task<List<string>> CsvAsync(HttpClient client, string range, CancellationToken ct)
    {
        using var response = await client.GetAsync($"/api/v1/portal/analytics/export.csv?{range}", ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync(ct);
        Assert.EndsWith("\r\n", text, StringComparison.Ordinal);
        return text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).ToList();
    }
}
