using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using WhatsAppGenesys.Clients.Tenancy;
using WhatsAppGenesys.Contracts;
using WhatsAppGenesys.Contracts.Tenancy;

namespace WhatsAppGenesys.IntegrationTests.Tenancy;

public sealed class TenantResolutionTests(AppFixture fixture)
{
    private readonly TenancyHarness _harness = new(fixture);

    [Fact]
    public async Task DeactivatedTenantStopsBeingServedFromAnotherProcessesCacheWithinASecond()
    {
        var ct = TestContext.Current.CancellationToken;
        var tenant = await _harness.CreateTenantAsync(ct);
        await using var redis = await ConnectionMultiplexer.ConnectAsync(await fixture.ConnectionStringAsync(ResourceNames.Redis));
        var http = new CountingHttpClientFactory();
        var directory = new TenantDirectory(http,
            Options.Create(new TenantDirectoryOptions { BaseAddress = fixture.App.GetEndpoint(ServiceNames.TenantService) }),
            TimeProvider.System, NullLogger<TenantDirectory>.Instance);
        using var listener = new TenantInvalidationListener([directory], NullLogger<TenantInvalidationListener>.Instance, redis);
        await listener.StartAsync(ct);

        // Warm: a call to the tenant service, then answers from memory. An invalidation of any tenant that lands while
        // a lookup is in flight keeps that answer out of the cache (it may predate the change), and the tests running
        // beside this one change tenants all the time, so the first answer may need another call to be kept.
        int callsBefore;
        do
        {
            callsBefore = http.Calls;
            Assert.True((await directory.FindByPhoneNumberIdAsync(tenant.PhoneNumberId, ct))!.IsActive);
        }
        while (http.Calls > callsBefore && http.Calls < 5);
        var warmCalls = http.Calls;
        for (var i = 0; i < 100; i++)
        {
            Assert.True((await directory.FindByPhoneNumberIdAsync(tenant.PhoneNumberId, ct))!.IsActive);
        }
        Assert.Equal(warmCalls, http.Calls);

        using var admin = _harness.TenantService();
        (await admin.PostAsync($"/api/tenants/{tenant.Id}/deactivate", null, ct)).EnsureSuccessStatusCode();
        var clock = Stopwatch.StartNew();
        TenantResolution? seen;
        do
        {
            seen = await directory.FindByPhoneNumberIdAsync(tenant.PhoneNumberId, ct);
            if (seen?.IsActive == false)
            {
                break;
            }
            await Task.Delay(10, ct);
        }
        while (clock.Elapsed < TimeSpan.FromSeconds(3));

        Assert.False(seen!.IsActive);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"Deactivation took {clock.ElapsedMilliseconds} ms to reach the cache.");
        await listener.StopAsync(ct);
    }

    [Fact]
    public async Task DeactivatedTenantIsRefusedByResolutionAndGetsNoTokens()
    {
        var ct = TestContext.Current.CancellationToken;
        var tenant = await _harness.CreateTenantAsync(ct);
        using var admin = _harness.TenantService();
        using var auth = _harness.AuthService();
        (await GetTokenAsync(auth, tenant.Id, ct)).EnsureSuccessStatusCode();

        (await admin.PostAsync($"/api/tenants/{tenant.Id}/deactivate", null, ct)).EnsureSuccessStatusCode();

        var byIntegration = await admin.GetFromJsonAsync<TenantResolution>($"/internal/tenants/by-integration/{tenant.IntegrationId}", ct);
        Assert.False(byIntegration!.IsActive);
        var refused = await GetTokenAsync(auth, tenant.Id, ct);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("deactivated", await refused.Content.ReadAsStringAsync(ct));

        (await admin.PostAsync($"/api/tenants/{tenant.Id}/reactivate", null, ct)).EnsureSuccessStatusCode();
        (await GetTokenAsync(auth, tenant.Id, ct)).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task ChangeMadeThroughOneReplicaIsResolvedByTheOtherAtOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        Assert.True(fixture.App.GetProcessIds(ServiceNames.TenantService).Count >= 2, "The AppHost must run two tenant-service replicas.");
        var tenant = await _harness.CreateTenantAsync(ct);
        using var first = _harness.TenantService(replica: 0);
        using var second = _harness.TenantService(replica: 1);
        Assert.Equal(tenant.Id, (await second.GetFromJsonAsync<TenantResolution>($"/internal/tenants/by-phone-number/{tenant.PhoneNumberId}", ct))!.TenantId);

        var moved = (await first.PutAsJsonAsync($"/api/tenants/{tenant.Id}/whatsapp",
            new WhatsAppConfigRequest("102290129340398", [System.Security.Cryptography.RandomNumberGenerator.GetInt32(100_000_000, int.MaxValue) + "3"], null, null), ct));
        moved.EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.NotFound, (await second.GetAsync($"/internal/tenants/by-phone-number/{tenant.PhoneNumberId}", ct)).StatusCode);
        var renamed = await first.PutAsJsonAsync($"/api/tenants/{tenant.Id}", new UpdateTenantRequest("Renamed on replica 0"), ct);
        renamed.EnsureSuccessStatusCode();
        Assert.Equal("Renamed on replica 0", (await second.GetFromJsonAsync<TenantResolution>($"/internal/tenants/{tenant.Id}", ct))!.Name);
    }

    private static Task<HttpResponseMessage> GetTokenAsync(HttpClient auth, string tenantId, CancellationToken ct)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/auth/token");
        request.Headers.Add(TenancyHeaders.TenantId, tenantId);
        return auth.SendAsync(request, ct);
    }

    private sealed class CountingHttpClientFactory : DelegatingHandler, IHttpClientFactory
    {
        private int _calls;

        public CountingHttpClientFactory() : base(new SocketsHttpHandler())
        {
        }

        public int Calls => _calls;

        public HttpClient CreateClient(string name) => new(this, disposeHandler: false);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
