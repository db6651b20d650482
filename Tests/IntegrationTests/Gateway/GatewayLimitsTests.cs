using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;

namespace WhatsAppGenesys.IntegrationTests.Gateway;

/// <summary>Rate limits (per tenant, per client IP) and request size limits at the front door.</summary>
public sealed class GatewayLimitsTests(AppFixture fixture)
{
    // Well above any configured window's limit times two: a burst this long must cross a limit even if it spans two windows.
    private const int MaxBurst = 2500;

    private readonly GatewayHarness _gateway = new(fixture);

    [Fact]
    public async Task TenantOverItsRateLimitGets429WithRetryAfterWhileOtherTenantsGoOn()
    {
        var ct = TestContext.Current.CancellationToken;
        var (tenantId, key) = await _gateway.CreateTenantWithKeyAsync(ct);
        var (otherTenantId, otherKey) = await _gateway.CreateTenantWithKeyAsync(ct);
        // One client IP for both tenants: the per-tenant limit must bite first and only for the busy tenant.
        var clientIp = GatewayHarness.NewClientIp();
        using var busy = _gateway.Client(key, clientIp);
        using var other = _gateway.Client(otherKey, clientIp);

        using var refused = await BurstUntilRefusedAsync(busy, $"/api/tenants/{tenantId}", ct);

        await AssertTooManyRequestsAsync(refused, "Rate limit per tenant exceeded");
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync($"/api/tenants/{otherTenantId}", ct)).StatusCode);
    }

    [Fact]
    public async Task ClientIpOverItsRateLimitGets429WithRetryAfterWhileOtherIpsGoOn()
    {
        var ct = TestContext.Current.CancellationToken;
        using var flooding = _gateway.Client(clientIp: GatewayHarness.NewClientIp());
        using var other = _gateway.Client(clientIp: GatewayHarness.NewClientIp());

        // Anonymous requests: the per-IP limit is checked before any key is, so it holds for them too.
        using var refused = await BurstUntilRefusedAsync(flooding, "/api/tenants", ct);

        await AssertTooManyRequestsAsync(refused, "Rate limit per client IP exceeded");
        Assert.Equal(HttpStatusCode.Unauthorized, (await other.GetAsync("/api/tenants", ct)).StatusCode);
        // The operator (the console, calling for every operator from one server address) has a bucket of its own.
        using var console = _gateway.Operator(clientIp: flooding.DefaultRequestHeaders.GetValues("X-Forwarded-For").Single());
        Assert.Equal(HttpStatusCode.OK, (await console.GetAsync("/api/tenants", ct)).StatusCode);
    }

    [Fact]
    public async Task MadeUpKeysAreCountedPerClientIpAndNotAsTheOperator()
    {
        var ct = TestContext.Current.CancellationToken;
        using var flooding = _gateway.Client(apiKey: "wag_not-the-operator-key", clientIp: GatewayHarness.NewClientIp());

        // Were a key enough to leave the per-IP bucket, these would be answered 401 well past the limit.
        using var refused = await BurstUntilRefusedAsync(flooding, "/api/tenants", ct);

        await AssertTooManyRequestsAsync(refused, "Rate limit per client IP exceeded");
    }

    [Fact]
    public async Task OversizedBodiesAre413BeforeReachingAService()
    {
        var ct = TestContext.Current.CancellationToken;
        var (_, key) = await _gateway.CreateTenantWithKeyAsync(ct);
        using var tenant = _gateway.Client(key);
        using var provider = _gateway.Client();
        // As well-behaved clients of large uploads do: the body is sent only after "100 Continue", so the refusal
        // arrives before it (otherwise the gateway closes the connection under a client still writing).
        tenant.DefaultRequestHeaders.ExpectContinue = true;
        provider.DefaultRequestHeaders.ExpectContinue = true;
        var twoMegabytes = new string('x', 2 * 1024 * 1024);

        // StringContent has a Content-Length: refused before the body is read. (Chunked bodies: see below.)
        var message = System.Text.Json.JsonSerializer.Serialize(new { to = "15550001111", text = new { body = twoMegabytes } });
        using var send = await tenant.PostAsync("/api/v1/whatsapp/sendmessage", new StringContent(message, System.Text.Encoding.UTF8, "application/json"), ct);
        using var webhook = await provider.PostAsync("/webhook/whatsapp",
            new StringContent($$"""{"object":"whatsapp_business_account","padding":"{{twoMegabytes}}"}""", System.Text.Encoding.UTF8, "application/json"), ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, send.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, webhook.StatusCode);
        var problem = await send.Content.ReadFromJsonAsync<ProblemDetails>(ct);
        Assert.StartsWith("Request bodies are limited to", problem!.Detail);
    }

    [Fact]
    public async Task OversizedChunkedBodyWithoutContentLengthIs413Too()
    {
        var ct = TestContext.Current.CancellationToken;
        using var provider = _gateway.Client();
        // Just over the 1 MiB limit: the gateway has read all but the last bytes when it refuses, so the client is not
        // left writing into a closed connection.
        var content = new StreamContent(new MemoryStream(new byte[1024 * 1024 + 1024]));
        content.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhook/genesys") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        request.Headers.Add("X-Hub-Signature-256", "sha256=" + Convert.ToBase64String(new byte[32]));

        using var response = await provider.SendAsync(request, ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    // Sends requests eight at a time until one is refused with 429; fails if none is within MaxBurst.
    private static async Task<HttpResponseMessage> BurstUntilRefusedAsync(HttpClient client, string path, CancellationToken ct)
    {
        for (var sent = 0; sent < MaxBurst; sent += 8)
        {
            var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.GetAsync(path, ct)));
            var refused = responses.FirstOrDefault(r => r.StatusCode == HttpStatusCode.TooManyRequests);
            foreach (var response in responses.Where(r => r != refused))
            {
                Assert.True(response.IsSuccessStatusCode || response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.TooManyRequests,
                    $"{path} answered {response.StatusCode} while the limit was being approached.");
                response.Dispose();
            }
            if (refused is not null)
            {
                return refused;
            }
        }
        Assert.Fail($"{MaxBurst} requests to {path} were all accepted.");
        return null!;
    }

    private static async Task AssertTooManyRequestsAsync(HttpResponseMessage response, string detail)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        var retryAfter = response.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>(TestContext.Current.CancellationToken);
        Assert.StartsWith(detail, problem!.Detail);
    }
}
