using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WhatsAppGenesys.Clients.Tokens;
using WhatsAppGenesys.Contracts.Tenancy;

namespace WhatsAppGenesys.UnitTests.Tenancy;

public class TokenProviderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>An auth service stand-in issuing token-1, token-2, … and recording invalidations.</summary>
    private sealed class FakeAuthService
    {
        private int _issued;

        public FakeAuthService() => Http = new FakeHttp(Respond);

        public FakeHttp Http { get; }

        public int Issued => _issued;

        public List<string?> Invalidated { get; } = [];

        private async Task<HttpResponseMessage> Respond(HttpRequestMessage request)
        {
            if (request.Method == HttpMethod.Post)
            {
                var body = await request.Content!.ReadFromJsonAsync<InvalidateTokenRequest>();
                Invalidated.Add(body?.RejectedToken);
                return new HttpResponseMessage(HttpStatusCode.NoContent);
            }
            Assert.Equal("acme", request.Headers.GetValues(TenancyHeaders.TenantId).Single());
            var n = Interlocked.Increment(ref _issued);
            return FakeHttp.Json(new AccessTokenResponse($"token-{n}", DateTimeOffset.UtcNow.AddHours(1)));
        }
    }

    private static GenesysTokenProvider Genesys(FakeAuthService auth) =>
        new(auth.Http, Options.Create(new TokenProviderOptions()), TimeProvider.System, NullLogger<GenesysTokenProvider>.Instance);

    private static WhatsAppTokenProvider WhatsApp(FakeAuthService auth) =>
        new(auth.Http, Options.Create(new TokenProviderOptions()), TimeProvider.System, NullLogger<WhatsAppTokenProvider>.Instance);

    private static HttpClient ProviderClient(AccessTokenProvider tokens, Func<HttpRequestMessage, HttpStatusCode> provider, List<string> seen) =>
        new(new BearerTokenHandler(tokens, NullLogger<BearerTokenHandler>.Instance)
        {
            InnerHandler = new FakeHttp(request =>
            {
                seen.Add(request.Headers.Authorization!.Parameter!);
                return new HttpResponseMessage(provider(request));
            }),
        });

    [Fact]
    public async Task TokenIsFetchedOnceAndThenServedFromMemory()
    {
        var auth = new FakeAuthService();
        var tokens = Genesys(auth);

        var all = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => tokens.GetTokenAsync("acme", Ct).AsTask()));
        var again = await tokens.GetTokenAsync("acme", Ct);

        Assert.All(all, t => Assert.Equal("token-1", t));
        Assert.Equal("token-1", again);
        Assert.Equal(1, auth.Issued);
        Assert.EndsWith("/auth/token", auth.Http.Requests[0].RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task GenesysUnauthorizedRegeneratesTheTokenAndRetriesOnce()
    {
        var auth = new FakeAuthService();
        var seen = new List<string>();
        using var client = ProviderClient(Genesys(auth), r => seen.Count == 1 ? HttpStatusCode.Unauthorized : HttpStatusCode.OK, seen);

        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "http://genesys/api")
        {
            Content = JsonContent.Create(new { text = "hello" }),
        }.ForTenant("acme"), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["token-1", "token-2"], seen);
        Assert.Equal(["token-1"], auth.Invalidated);
    }

    [Fact]
    public async Task PersistentRejectionIsRetriedOnlyOnce()
    {
        var auth = new FakeAuthService();
        var seen = new List<string>();
        using var client = ProviderClient(Genesys(auth), _ => HttpStatusCode.Unauthorized, seen);

        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "http://genesys/api").ForTenant("acme"), Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(2, seen.Count);
    }

    [Fact]
    public async Task GenesysForbiddenIsAPermissionErrorNotABadToken()
    {
        var auth = new FakeAuthService();
        var seen = new List<string>();
        using var client = ProviderClient(Genesys(auth), _ => HttpStatusCode.Forbidden, seen);

        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "http://genesys/api").ForTenant("acme"), Ct);

        Assert.Single(seen);
        Assert.Empty(auth.Invalidated);
    }

    [Fact]
    public async Task WhatsAppForbiddenInvalidatesTheTokenAndRetriesOnceWithANewOne()
    {
        var auth = new FakeAuthService();
        var seen = new List<string>();
        using var client = ProviderClient(WhatsApp(auth), r => seen.Count == 1 ? HttpStatusCode.Forbidden : HttpStatusCode.OK, seen);

        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "http://graph/v23.0/1/messages").ForTenant("acme"), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["token-1", "token-2"], seen);
        Assert.EndsWith("/auth/whatsapp/token", auth.Http.Requests[0].RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task RequestWithoutTenantIsAProgrammingErrorNotAnUnauthenticatedCall()
    {
        using var client = ProviderClient(Genesys(new FakeAuthService()), _ => HttpStatusCode.OK, []);

        await Assert.ThrowsAsync<InvalidOperationException>(() => client.GetAsync("http://genesys/api", Ct));
    }

    [Fact]
    public async Task TenantChangeDropsTheTokenHeldInMemory()
    {
        var auth = new FakeAuthService();
        var tokens = Genesys(auth);
        await tokens.GetTokenAsync("acme", Ct);

        tokens.OnTenantInvalidated(new TenantInvalidation("acme", [], []));

        Assert.Equal("token-2", await tokens.GetTokenAsync("acme", Ct));
    }

    [Fact]
    public async Task AuthServiceRefusalSurfacesItsReason()
    {
        var http = new FakeHttp(_ => FakeHttp.Json(new { title = "Tenant deactivated", detail = "Tenant 'acme' is deactivated." },
            HttpStatusCode.Forbidden));
        var tokens = new GenesysTokenProvider(http, Options.Create(new TokenProviderOptions()), TimeProvider.System,
            NullLogger<GenesysTokenProvider>.Instance);

        var error = await Assert.ThrowsAsync<AccessTokenUnavailableException>(() => tokens.GetTokenAsync("acme", Ct).AsTask());

        Assert.Equal(403, error.StatusCode);
        Assert.Contains("deactivated", error.Message);
    }
}
