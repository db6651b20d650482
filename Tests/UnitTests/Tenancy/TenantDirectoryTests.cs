using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WhatsAppGenesys.Clients.Tenancy;
using WhatsAppGenesys.Contracts.Tenancy;

namespace WhatsAppGenesys.UnitTests.Tenancy;

public class TenantDirectoryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static TenantResolution Acme(bool active = true) => new("acme", "Acme", active, 1,
        new WhatsAppSettings("1", ["106540352242922"], null, "v23.0"), new GenesysSettings("mypurecloud.com", "client", "integration-1"));

    private static TenantDirectory Directory(FakeHttp http) =>
        new(http, Options.Create(new TenantDirectoryOptions()), TimeProvider.System, NullLogger<TenantDirectory>.Instance);

    [Fact]
    public async Task SecondLookupIsServedFromMemory()
    {
        var http = new FakeHttp(_ => FakeHttp.Json(Acme()));
        var directory = Directory(http);

        var first = await directory.FindByPhoneNumberIdAsync("106540352242922", Ct);
        var second = await directory.FindByPhoneNumberIdAsync("106540352242922", Ct);

        Assert.Equal("acme", first?.TenantId);
        Assert.Same(first, second);
        Assert.Equal(1, http.Calls);
        Assert.EndsWith("/internal/tenants/by-phone-number/106540352242922", http.Requests[0].RequestUri!.AbsoluteUri);
    }

    [Fact]
    public async Task CachedLookupTakesMicrosecondsAndAllocatesNothing()
    {
        var directory = Directory(new FakeHttp(_ => FakeHttp.Json(Acme())));
        await directory.FindByPhoneNumberIdAsync("106540352242922", Ct);
        const int lookups = 100_000;

        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < lookups; i++)
        {
            var hit = directory.FindByPhoneNumberIdAsync("106540352242922", Ct);
            Assert.True(hit.IsCompletedSuccessfully);
        }
        clock.Stop();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;

        // Generous bound for a shared 2-core box; a hit is typically well under a microsecond.
        Assert.True(clock.Elapsed.TotalMicroseconds / lookups < 10, $"{clock.Elapsed.TotalMicroseconds / lookups:F2} µs per lookup");
        Assert.True(allocated / lookups < 64, $"{allocated / lookups} bytes per lookup");
    }

    [Fact]
    public async Task InvalidationMakesTheNextLookupSeeTheChange()
    {
        var active = true;
        var http = new FakeHttp(_ => FakeHttp.Json(Acme(active)));
        var directory = Directory(http);
        Assert.True((await directory.FindByIntegrationIdAsync("integration-1", Ct))!.IsActive);

        active = false;
        directory.OnTenantInvalidated(new TenantInvalidation("acme", ["106540352242922"], ["integration-1"]));

        Assert.False((await directory.FindByIntegrationIdAsync("integration-1", Ct))!.IsActive);
        Assert.Equal(2, http.Calls);
    }

    [Fact]
    public async Task InvalidationDropsEveryEntryOfTheTenantWhateverItWasFoundBy()
    {
        var http = new FakeHttp(_ => FakeHttp.Json(Acme()));
        var directory = Directory(http);
        await directory.FindByIdAsync("acme", Ct);
        await directory.FindByPhoneNumberIdAsync("106540352242922", Ct);

        directory.OnTenantInvalidated(new TenantInvalidation("acme", [], []));
        await directory.FindByIdAsync("acme", Ct);
        await directory.FindByPhoneNumberIdAsync("106540352242922", Ct);

        Assert.Equal(4, http.Calls);
    }

    [Fact]
    public async Task UnknownTenantIsRememberedBrieflySoFloodsDoNotReachTheTenantService()
    {
        var http = new FakeHttp(_ => new HttpResponseMessage(HttpStatusCode.NotFound));
        var directory = Directory(http);

        Assert.Null(await directory.FindByPhoneNumberIdAsync("999", Ct));
        Assert.Null(await directory.FindByPhoneNumberIdAsync("999", Ct));

        Assert.Equal(1, http.Calls);
    }

    [Fact]
    public async Task ConcurrentMissesForOneKeyShareOneCall()
    {
        var gate = new TaskCompletionSource();
        var http = new FakeHttp(async _ =>
        {
            await gate.Task;
            return FakeHttp.Json(Acme());
        });
        var directory = Directory(http);

        var lookups = Enumerable.Range(0, 50).Select(_ => directory.FindByIdAsync("acme", Ct).AsTask()).ToArray();
        gate.SetResult();
        var results = await Task.WhenAll(lookups);

        Assert.All(results, r => Assert.Equal("acme", r?.TenantId));
        Assert.Equal(1, http.Calls);
    }

    [Fact]
    public async Task LookupInFlightDuringAnInvalidationIsNotCached()
    {
        var gate = new TaskCompletionSource();
        var http = new FakeHttp(async _ =>
        {
            await gate.Task;
            return FakeHttp.Json(Acme());
        });
        var directory = Directory(http);

        var inFlight = directory.FindByIdAsync("acme", Ct).AsTask();
        directory.OnTenantInvalidated(new TenantInvalidation("acme", [], []));
        gate.SetResult();
        await inFlight;
        await directory.FindByIdAsync("acme", Ct);

        Assert.Equal(2, http.Calls);
    }

    [Fact]
    public async Task TenantServiceFailureIsAnErrorNotAnUnknownTenant()
    {
        var directory = Directory(new FakeHttp(_ => new HttpResponseMessage(HttpStatusCode.InternalServerError)));

        await Assert.ThrowsAsync<TenantDirectoryUnavailableException>(() => directory.FindByIdAsync("acme", Ct).AsTask());
    }

    [Fact]
    public async Task MalformedTenantIdNeverLeavesTheProcess()
    {
        var http = new FakeHttp(_ => FakeHttp.Json(Acme()));

        Assert.Null(await Directory(http).FindByIdAsync("../admin", Ct));
        Assert.Equal(0, http.Calls);
    }
}
