using System.Diagnostics.Metrics;
using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WhatsAppGenesys.AuthService.Credentials;
using WhatsAppGenesys.AuthService.Tokens;
using WhatsAppGenesys.Contracts.Tenancy;

namespace WhatsAppGenesys.UnitTests.Tenancy;

public class GenesysTokenSourceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Secret = "very-secret-client-secret";

    private static GenesysTokenSource Source(FakeHttp genesys, Uri? overrideBase = null, string region = "mypurecloud.ie")
    {
        var tenantService = new FakeHttp(_ => FakeHttp.Json(new GenesysCredentials("acme", region, "client-1", Secret, null)));
        var credentials = new TenantCredentialsClient(new HttpClient(tenantService) { BaseAddress = new("http://tenant-service") });
        var meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();
        var login = new GenesysLogin(genesys, Options.Create(new GenesysOptions { BaseUrlOverride = overrideBase }),
            TimeProvider.System, meters, NullLogger<GenesysLogin>.Instance);
        return new GenesysTokenSource(credentials, login);
    }

    [Fact]
    public async Task ClientCredentialsAreExchangedAtTheTenantsRegionLoginHost()
    {
        var genesys = new FakeHttp(_ => FakeHttp.Json(new { access_token = "issued", token_type = "bearer", expires_in = 86400 }));

        var token = await Source(genesys).IssueAsync("acme", Ct);

        var request = Assert.Single(genesys.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("https://login.mypurecloud.ie/oauth/token", request.RequestUri!.AbsoluteUri);
        Assert.Equal("Basic", request.Headers.Authorization!.Scheme);
        Assert.Equal($"client-1:{Secret}", Encoding.UTF8.GetString(Convert.FromBase64String(request.Headers.Authorization.Parameter!)));
        Assert.Equal("grant_type=client_credentials", genesys.Bodies[0]);
        Assert.Equal("issued", token.AccessToken);
        Assert.Equal(TimeSpan.FromSeconds(86100), token.CacheFor);
    }

    [Fact]
    public async Task SandboxOverrideReplacesOnlyTheBaseUrl()
    {
        var genesys = new FakeHttp(_ => FakeHttp.Json(new { access_token = "issued", token_type = "bearer", expires_in = 3600 }));

        await Source(genesys, new Uri("http://127.0.0.1:3021")).IssueAsync("acme", Ct);

        Assert.Equal("http://127.0.0.1:3021/oauth/token", genesys.Requests[0].RequestUri!.AbsoluteUri);
    }

    [Fact]
    public async Task RejectedCredentialsGiveAClearErrorWithoutTheSecret()
    {
        var genesys = new FakeHttp(_ => FakeHttp.Json(new { error = "invalid_client", description = "Bad client" }, HttpStatusCode.Unauthorized));

        var failure = await Assert.ThrowsAsync<TokenFailureException>(() => Source(genesys).IssueAsync("acme", Ct));

        Assert.Equal(502, failure.Status);
        Assert.Contains("Genesys rejected the OAuth client credentials for tenant 'acme'", failure.Message);
        Assert.Contains("invalid_client", failure.Message);
        Assert.DoesNotContain(Secret, failure.Message);
    }

    [Fact]
    public async Task UnreachableRegionIsServiceUnavailableNamingTheHost()
    {
        var genesys = new FakeHttp((Func<HttpRequestMessage, HttpResponseMessage>)(_ => throw new HttpRequestException("Connection refused")));

        var failure = await Assert.ThrowsAsync<TokenFailureException>(() => Source(genesys).IssueAsync("acme", Ct));

        Assert.Equal(503, failure.Status);
        Assert.Contains("login.mypurecloud.ie is unreachable", failure.Message);
    }

    [Fact]
    public async Task RegionOutsideTheAllowListIsNeverCalled()
    {
        var genesys = new FakeHttp(_ => FakeHttp.Json(new { access_token = "x", expires_in = 60 }));

        var failure = await Assert.ThrowsAsync<TokenFailureException>(() =>
            Source(genesys, region: "attacker.example").IssueAsync("acme", Ct));

        Assert.Equal(409, failure.Status);
        Assert.Equal(0, genesys.Calls);
    }
}
