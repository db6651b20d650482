using System.Diagnostics.Metrics;
using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WhatsAppGenesys.AuthService.Tokens;
using WhatsAppGenesys.Clients.Providers;
using WhatsAppGenesys.Contracts.Tenancy;
using WhatsAppGenesys.UnitTests.Tenancy;

namespace WhatsAppGenesys.UnitTests.Rcs;

public class RcsLoginTests
{
    private const string Secret = "rcs-client-secret";
    private static readonly RcsCredentials Client = new("acme", "acme_agent", "acme-client", Secret, "client-token");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static RcsLogin Login(FakeHttp provider, Uri? baseUrl = null)
    {
        var meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();
        return new RcsLogin(provider, Options.Create(new RcsProviderOptions { BaseUrl = baseUrl ?? new Uri("http://127.0.0.1:3022") }),
            meters, NullLogger<RcsLogin>.Instance);
    }

    [Fact]
    public async Task ClientCredentialsUseHttpBasicAndKeepTheRefreshToken()
    {
        var provider = new FakeHttp(_ => FakeHttp.Json(new
        {
            access_token = "access", token_type = "Bearer", expires_in = 3600, refresh_token = "refresh", refresh_token_expires_in = 86400,
        }));

        var grant = await Login(provider).ClientCredentialsAsync(Client, Ct);

        var request = Assert.Single(provider.Requests);
        Assert.Equal("http://127.0.0.1:3022/oauth2/token", request.RequestUri!.AbsoluteUri);
        Assert.Equal($"acme-client:{Secret}", Encoding.UTF8.GetString(Convert.FromBase64String(request.Headers.Authorization!.Parameter!)));
        Assert.Equal("grant_type=client_credentials", provider.Bodies[0]);
        Assert.Equal(("access", TimeSpan.FromHours(1), "refresh", TimeSpan.FromDays(1)),
            (grant.AccessToken, grant.Lifetime, grant.RefreshToken, grant.RefreshLifetime));
    }

    [Fact]
    public async Task ARefreshPresentsTheRefreshToken()
    {
        var provider = new FakeHttp(_ => FakeHttp.Json(new { access_token = "access-2", expires_in = 3600, refresh_token = "refresh-2" }));

        var grant = await Login(provider).RefreshAsync(Client, "refresh-1", Ct);

        Assert.Equal("grant_type=refresh_token&refresh_token=refresh-1", provider.Bodies[0]);
        Assert.Equal(("access-2", "refresh-2", (TimeSpan?)null), (grant.AccessToken, grant.RefreshToken, grant.RefreshLifetime));
    }

    [Fact]
    public async Task AnInvalidGrantOnRefreshIsARefusedRefreshTokenNotAFailure()
    {
        var provider = new FakeHttp(_ => FakeHttp.Json(new { error = "invalid_grant" }, HttpStatusCode.BadRequest));

        var refused = await Assert.ThrowsAsync<RefreshTokenRejectedException>(() => Login(provider).RefreshAsync(Client, "spent", Ct));

        Assert.Contains("tenant 'acme'", refused.Message);
        Assert.DoesNotContain("spent", refused.Message);
    }

    [Fact]
    public async Task RejectedClientCredentialsAreA502WithoutTheSecret()
    {
        var provider = new FakeHttp(_ => FakeHttp.Json(new { error = "invalid_client" }, HttpStatusCode.Unauthorized));

        var failure = await Assert.ThrowsAsync<TokenFailureException>(() => Login(provider).ClientCredentialsAsync(Client, Ct));

        Assert.Equal(502, failure.Status);
        Assert.Contains("invalid_client", failure.Message);
        Assert.DoesNotContain(Secret, failure.Message);
    }

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests, "rate-limiting")]
    [InlineData(HttpStatusCode.ServiceUnavailable, "answered 503")]
    public async Task ThrottlingAndOutagesAre503s(HttpStatusCode status, string reason)
    {
        var provider = new FakeHttp(_ => FakeHttp.Json(new { error = "temporarily_unavailable" }, status));

        var failure = await Assert.ThrowsAsync<TokenFailureException>(() => Login(provider).RefreshAsync(Client, "refresh", Ct));

        Assert.Equal(503, failure.Status);
        Assert.Contains(reason, failure.Message);
    }

    [Fact]
    public async Task WithoutAProviderNoTokenIsIssued()
    {
        var provider = new FakeHttp(_ => FakeHttp.Json(new { }));
        var login = new RcsLogin(provider, Options.Create(new RcsProviderOptions()),
            new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>(), NullLogger<RcsLogin>.Instance);

        var failure = await Assert.ThrowsAsync<TokenFailureException>(() => login.ClientCredentialsAsync(Client, Ct));

        Assert.Equal(409, failure.Status);
        Assert.Empty(provider.Requests);
    }
}
