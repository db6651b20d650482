using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using WhatsAppGenesys.Contracts.Tenancy;

namespace WhatsAppGenesys.IntegrationTests.Gateway;

/// <summary>Who gets through the front door: tenant API keys and the operator key, verified at the gateway.</summary>
public sealed class GatewayAuthenticationTests(AppFixture fixture)
{
    private readonly GatewayHarness _gateway = new(fixture);

    public static TheoryData<string, string> ProtectedRoutes => new()
    {
        { "GET", "/api/tenants" },
        { "GET", "/api/tenants/demo" },
        { "POST", "/api/tenants/demo/api-keys" },
        { "POST", "/api/admin/rotate-keys" },
        { "POST", "/api/v1/whatsapp/sendmessage" },
        { "GET", "/api/v1/messages/wamid.anything" },
        { "GET", "/admin/pipelines/inbound-whatsapp/queues" },
        { "POST", "/admin/pipelines/outbound-genesys/dead-letters/replay" },
    };

    [Theory]
    [MemberData(nameof(ProtectedRoutes))]
    public async Task ProtectedRoutesWithoutAKeyAreUnauthorized(string method, string path)
    {
        using var anonymous = _gateway.Client();

        using var response = await anonymous.SendAsync(new HttpRequestMessage(new HttpMethod(method), path), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
    }

    [Fact]
    public async Task UnknownKeysAreUnauthorizedWhetherSentAsHeaderOrBearer()
    {
        var ct = TestContext.Current.CancellationToken;
        using var unknown = _gateway.Client("wag_this-key-was-never-issued");
        using var bearer = _gateway.Client();
        bearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "wag_neither-was-this-one");

        Assert.Equal(HttpStatusCode.Unauthorized, (await unknown.GetAsync("/api/tenants/demo", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await bearer.GetAsync("/api/tenants/demo", ct)).StatusCode);
    }

    [Fact]
    public async Task OperatorCreatesATenantAndItsKeyThroughTheGatewayAndTheKeyWorksAsHeaderAndAsBearer()
    {
        var ct = TestContext.Current.CancellationToken;
        var tenantId = await _gateway.CreateTenantAsync(ct);

        var created = await _gateway.CreateApiKeyAsync(tenantId, ct);

        Assert.StartsWith("wag_", created.ApiKey);
        using var asHeader = _gateway.Client(created.ApiKey);
        var tenant = await asHeader.GetFromJsonAsync<TenantResponse>($"/api/tenants/{tenantId}", ct);
        Assert.Equal(tenantId, tenant!.Id);
        using var asBearer = _gateway.Client();
        asBearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", created.ApiKey);
        var listed = await asBearer.GetFromJsonAsync<TenantResponse[]>("/api/tenants", ct);
        Assert.Equal([tenantId], listed!.Select(t => t.Id));
        // The key is shown once: listing shows only its prefix.
        var keys = await asHeader.GetFromJsonAsync<ApiKeyResponse[]>($"/api/tenants/{tenantId}/api-keys", ct);
        Assert.DoesNotContain(keys!, k => k.Prefix.Contains(created.ApiKey, StringComparison.Ordinal));
    }

    [Fact]
    public async Task TenantKeyNamingAnotherTenantIsForbiddenAtTheGateway()
    {
        var ct = TestContext.Current.CancellationToken;
        var (tenantA, keyA) = await _gateway.CreateTenantWithKeyAsync(ct);
        var tenantB = await _gateway.CreateTenantAsync(ct);
        using var asA = _gateway.Client(keyA);

        foreach (var request in new Func<HttpRequestMessage>[]
        {
            () => new(HttpMethod.Get, $"/api/tenants/{tenantB}"),
            () => new(HttpMethod.Get, $"/api/tenants/{tenantB}/api-keys"),
            () => new(HttpMethod.Post, $"/api/tenants/{tenantB}/api-keys") { Content = JsonContent.Create(new CreateApiKeyRequest("stolen")) },
            () => new(HttpMethod.Put, $"/api/tenants/{tenantB}") { Content = JsonContent.Create(new UpdateTenantRequest("taken over")) },
            // Case games do not get around the check (tenant ids are lower case; the comparison is exact).
            () => new(HttpMethod.Get, $"/api/tenants/{tenantA.ToUpperInvariant()}"),
        })
        {
            using var response = await asA.SendAsync(request(), ct);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>(ct);
            Assert.Equal("This API key may only access its own tenant.", problem!.Detail);
        }

        using var admin = _gateway.Operator();
        var b = await admin.GetFromJsonAsync<TenantResponse>($"/api/tenants/{tenantB}", ct);
        Assert.Equal($"Gateway test {tenantB}", b!.Name);
        Assert.Empty((await admin.GetFromJsonAsync<ApiKeyResponse[]>($"/api/tenants/{tenantB}/api-keys", ct))!);
    }

    [Fact]
    public async Task OperatorRoutesRefuseTenantKeysAndTenantRoutesRefuseTheOperatorKey()
    {
        var ct = TestContext.Current.CancellationToken;
        var (_, key) = await _gateway.CreateTenantWithKeyAsync(ct);
        using var tenant = _gateway.Client(key);
        using var admin = _gateway.Operator();

        await AssertForbiddenAsync(await tenant.PostAsJsonAsync("/api/tenants", new CreateTenantRequest(null, "Rogue"), ct), "This route needs the operator key.");
        await AssertForbiddenAsync(await tenant.PostAsync("/api/admin/rotate-keys", null, ct), "This route needs the operator key.");
        await AssertForbiddenAsync(await tenant.GetAsync("/admin/pipelines/inbound-whatsapp/dead-letters", ct), "This route needs the operator key.");
        await AssertForbiddenAsync(await admin.GetAsync("/api/v1/messages/wamid.anything", ct), "This route acts for one tenant: use that tenant's API key.");
    }

    [Fact]
    public async Task OperatorKeyReachesThePipelineAdminOfTheInboundTransformer()
    {
        using var admin = _gateway.Operator();

        using var response = await admin.GetAsync("/admin/pipelines/inbound-whatsapp/queues", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var queues = await response.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonArray>(TestContext.Current.CancellationToken);
        Assert.NotEmpty(queues!);
    }

    [Fact]
    public async Task RevokedKeyIsRefusedWithinSeconds()
    {
        var ct = TestContext.Current.CancellationToken;
        var tenantId = await _gateway.CreateTenantAsync(ct);
        var created = await _gateway.CreateApiKeyAsync(tenantId, ct);
        using var tenant = _gateway.Client(created.ApiKey);
        Assert.Equal(HttpStatusCode.OK, (await tenant.GetAsync($"/api/tenants/{tenantId}", ct)).StatusCode);

        using var admin = _gateway.Operator();
        (await admin.DeleteAsync($"/api/tenants/{tenantId}/api-keys/{created.Id}", ct)).EnsureSuccessStatusCode();

        // The gateway trusts a verified key for its cache TTL (5 s) at most: a request sent later than that (with a
        // margin) is refused. When it is sent is what counts; on a loaded machine the answer to an earlier one, let
        // through while the key was still cached, can take seconds to come back.
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var sentAt = clock.Elapsed;
            var status = (await tenant.GetAsync($"/api/v1/messages/wamid.after-revocation", ct)).StatusCode;
            if (status == HttpStatusCode.Unauthorized)
            {
                break;
            }
            Assert.True(sentAt < TimeSpan.FromSeconds(10), $"The revoked key, sent {sentAt} after the revocation, still got {status}.");
            await Task.Delay(250, ct);
        }
    }

    [Fact]
    public async Task DeactivatedTenantsKeyIsRefusedAtOnceOnRoutesThatActForIt()
    {
        var ct = TestContext.Current.CancellationToken;
        var (tenantId, key) = await _gateway.CreateTenantWithKeyAsync(ct);
        using var tenant = _gateway.Client(key);
        // Verified and cached as active.
        Assert.Equal(HttpStatusCode.OK, (await tenant.GetAsync($"/api/tenants/{tenantId}", ct)).StatusCode);

        using var admin = _gateway.Operator();
        (await admin.PostAsync($"/api/tenants/{tenantId}/deactivate", null, ct)).EnsureSuccessStatusCode();

        // The tenant service's invalidation drops the cached key; no waiting for the TTL.
        var clock = Stopwatch.StartNew();
        HttpResponseMessage response;
        while ((response = await tenant.GetAsync("/api/v1/messages/wamid.after-deactivation", ct)).StatusCode != HttpStatusCode.Forbidden)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"The deactivated tenant's key still got {response.StatusCode} after {clock.Elapsed}.");
            await Task.Delay(100, ct);
        }
        await AssertForbiddenAsync(response, "The tenant is deactivated.");
        // It may still read its own tenant (the tenant service's rule), to see why.
        Assert.Equal(HttpStatusCode.OK, (await tenant.GetAsync($"/api/tenants/{tenantId}", ct)).StatusCode);
    }

    private static async Task AssertForbiddenAsync(HttpResponseMessage response, string detail)
    {
        using (response)
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>(TestContext.Current.CancellationToken);
            Assert.Equal(detail, problem!.Detail);
        }
    }
}
