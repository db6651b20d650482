using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using WhatsAppGenesys.Contracts;
using WhatsAppGenesys.IntegrationTests.Gateway;

namespace WhatsAppGenesys.IntegrationTests.Portal;

/// <summary>
/// A 100,000-row import through the gateway, generated while it is uploaded: every row counted, and the portal
/// service's resident memory stays flat because the file is read and written a batch at a time.
/// </summary>
public sealed class ContactImportLoadTests(AppFixture fixture)
{
    private const int Rows = 100_000;
    private const int EveryNthRowIsBad = 40;

    /// <summary>Growth of the service's resident set over its warmed-up size the import may cause (buffering the file would take several times this).</summary>
    private const long MaxResidentGrowthBytes = 96L * 1024 * 1024;

    private readonly GatewayHarness _gateway = new(fixture);

    [Fact]
    public async Task AHundredThousandRowsImportWithFlatMemory()
    {
        var ct = TestContext.Current.CancellationToken;
        using var tenant = await PortalTenant.CreateAsync(_gateway, ct);
        tenant.Client.Timeout = TimeSpan.FromMinutes(10);
        var pid = fixture.App.GetProcessIds(ServiceNames.PortalService)[0];

        // Warm up (JIT, pools, the first batches) so the baseline is the service at work, not the service idle.
        using (var warmUp = await tenant.Client.PostAsync("/api/v1/portal/contacts/import", Generated(2_000, offset: 900_000), ct))
        {
            Assert.Equal(HttpStatusCode.OK, warmUp.StatusCode);
        }
        var baseline = ProcFs.ResidentBytes(pid);
        long peak = baseline;
        using var sampling = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, ProcFs.ResidentBytes(pid));
                await Task.Delay(50, CancellationToken.None);
            }
        }, CancellationToken.None);

        var content = Generated(Rows, offset: 0);
        var clock = Stopwatch.StartNew();
        using var response = await tenant.Client.PostAsync("/api/v1/portal/contacts/import", content, ct);
        var elapsed = clock.Elapsed;
        await sampling.CancelAsync();
        await sampler;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = (await response.Content.ReadFromJsonAsync<JsonObject>(ct))!;
        var bad = Rows / EveryNthRowIsBad;
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"Imported {Rows:N0} rows ({content.BytesWritten / 1024.0 / 1024.0:F1} MB) in {elapsed.TotalSeconds:F1} s " +
            $"({Rows / elapsed.TotalSeconds:N0} rows/s); portal-service RSS {baseline / 1048576.0:F0} MB before, peak {peak / 1048576.0:F0} MB " +
            $"(+{(peak - baseline) / 1048576.0:F0} MB)");

        Assert.Equal(Rows, report["rows"]!.GetValue<int>());
        Assert.Equal(Rows - bad, report["imported"]!.GetValue<int>());
        Assert.Equal(bad, report["rejected"]!.GetValue<int>());
        Assert.True(report["rejectionsTruncated"]!.GetValue<bool>());
        var listed = report["rejections"]!.AsArray();
        Assert.Equal(2000, listed.Count);
        // Row i is on line i + 2 (after the header); the first bad row is i = 39.
        Assert.Equal(EveryNthRowIsBad + 1, listed[0]!["line"]!.GetValue<int>());
        Assert.True(peak - baseline < MaxResidentGrowthBytes, $"RSS grew by {(peak - baseline) / 1048576.0:F0} MB during the import.");

        var tagged = (await tenant.Client.GetFromJsonAsync<JsonObject>("/api/v1/portal/contacts?tag=batch-7&attribute=plan:plan-1&limit=5", ct))!;
        Assert.Equal(5, tagged["items"]!.AsArray().Count);
    }

    /// <summary>Rows of plausible width (a name, tags, three attributes); every 40th has a number no one could dial.</summary>
    private static GeneratedCsvContent Generated(int rows, int offset) => new("phone,name,tags,city,plan,note", rows, i =>
        (i + 1) % EveryNthRowIsBad == 0
            ? $"not-a-number,Broken {i},,,,"
            : $"+4917{GeneratedCsvContent.Number(10_000_000 + offset + i)},Customer {GeneratedCsvContent.Number(i)}," +
              $"batch-{GeneratedCsvContent.Number(i % 10)};imported,City {GeneratedCsvContent.Number(i % 50)},plan-{GeneratedCsvContent.Number(i % 3)}," +
              "A free-text note as businesses keep them about their customers");
}
