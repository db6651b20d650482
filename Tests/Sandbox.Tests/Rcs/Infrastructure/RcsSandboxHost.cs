using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WhatsAppGenesys.RcsSandbox;
using WhatsAppGenesys.Sandbox.Tests.Meta.Infrastructure;

namespace WhatsAppGenesys.Sandbox.Tests.Rcs.Infrastructure;

// One simulator (in-memory test server) plus one webhook receiver (real Kestrel) per test, so settings, tokens and
// counters never leak between tests. Receipts and retries are test-sized; the clock can be moved forward.
public sealed class RcsSandboxHost : IAsyncDisposable
{
    public const string AgentId = "whatsapp_genesys_sandbox_agent";
    public const string EventAgentId = AgentId + "@rbm.goog";
    public const string ClientId = "sandbox-rcs-client";
    public const string ClientSecret = "sandbox-rcs-secret";
    public const string WebhookSecret = "sandbox-rcs-client-token";

    private readonly WebApplicationFactory<RcsSandboxOptions> _factory;

    private RcsSandboxHost(WebApplicationFactory<RcsSandboxOptions> factory, RcsWebhookReceiver receiver, AdjustableTimeProvider time)
    {
        _factory = factory;
        Receiver = receiver;
        Time = time;
        Client = factory.CreateClient();
    }

    public HttpClient Client { get; }
    public RcsWebhookReceiver Receiver { get; }
    public AdjustableTimeProvider Time { get; }

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<RcsSandboxHost> StartAsync(IDictionary<string, string?>? overrides = null)
    {
        var receiver = await RcsWebhookReceiver.StartAsync();
        var time = new AdjustableTimeProvider();
        var configuration = new Dictionary<string, string?>
        {
            ["RcsSandbox:WebhookUrl"] = receiver.Url,
            ["RcsSandbox:Receipts:DeliveredDelayMs"] = "20",
            ["RcsSandbox:Receipts:ReadDelayMs"] = "40",
            ["RcsSandbox:Webhooks:InitialRetryDelayMs"] = "50",
            ["RcsSandbox:Webhooks:MaxRetryDelayMs"] = "200",
            ["RcsSandbox:Webhooks:MaxRetryDurationSeconds"] = "20",
            ["RcsSandbox:Webhooks:TimeoutSeconds"] = "5",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }
        var factory = new WebApplicationFactory<RcsSandboxOptions>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Testing");
            builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(configuration));
            builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(time));
        });
        return new RcsSandboxHost(factory, receiver, time);
    }

    public static string NewId() => Guid.NewGuid().ToString();

    public Task<HttpResponseMessage> RequestTokenAsync(IEnumerable<KeyValuePair<string, string>> form, string? clientId = ClientId,
        string? secret = ClientSecret, string path = "/oauth2/token")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
        if (clientId is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes($"{clientId}:{secret}")));
        }
        return Client.SendAsync(request, Ct);
    }

    public static KeyValuePair<string, string>[] ClientCredentials => [new("grant_type", "client_credentials")];

    public static KeyValuePair<string, string>[] Refresh(string refreshToken) =>
        [new("grant_type", "refresh_token"), new("refresh_token", refreshToken)];

    /// <summary>A client_credentials exchange; returns the access and refresh tokens.</summary>
    public async Task<(string Access, string Refresh)> GetTokensAsync(string clientId = ClientId, string secret = ClientSecret)
    {
        using var response = await RequestTokenAsync(ClientCredentials, clientId, secret);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(response.IsSuccessStatusCode, json.ToString());
        return (json.GetProperty("access_token").GetString()!, json.GetProperty("refresh_token").GetString()!);
    }

    public async Task<string> GetAccessTokenAsync(string clientId = ClientId, string secret = ClientSecret) =>
        (await GetTokensAsync(clientId, secret)).Access;

    public static object Text(string text) => new { contentMessage = new { text } };

    /// <summary>POST /v1/phones/{msisdn}/agentMessages with a JSON body (an object, or raw JSON text).</summary>
    public Task<HttpResponseMessage> SendAsync(string msisdn, object body, string? token, string? messageId = null, string? agentId = AgentId)
    {
        var query = new List<string>();
        if (messageId != "")
        {
            query.Add("messageId=" + Uri.EscapeDataString(messageId ?? NewId()));
        }
        if (agentId is not null)
        {
            query.Add("agentId=" + Uri.EscapeDataString(agentId));
        }
        var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/phones/{Uri.EscapeDataString(msisdn)}/agentMessages?{string.Join('&', query)}")
        {
            Content = new StringContent(body as string ?? JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"),
        };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return Client.SendAsync(request, Ct);
    }

    /// <summary>Sends and asserts 200; returns the AgentMessage resource.</summary>
    public async Task<JsonElement> SendAcceptedAsync(string msisdn, object body, string token, string? messageId = null)
    {
        using var response = await SendAsync(msisdn, body, token, messageId);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(response.IsSuccessStatusCode, json.ToString());
        return json;
    }

    public Task<HttpResponseMessage> GetCapabilitiesAsync(string msisdn, string token, string? requestId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get,
            $"/v1/phones/{Uri.EscapeDataString(msisdn)}/capabilities?requestId={requestId ?? NewId()}&agentId={AgentId}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return Client.SendAsync(request, Ct);
    }

    public async Task<JsonElement> GetJsonAsync(string path) => await Client.GetFromJsonAsync<JsonElement>(path, Ct);

    /// <summary>The counters once <paramref name="done"/> holds (they are counted just after a webhook's answer arrives).</summary>
    public async Task<JsonElement> WaitForCountersAsync(Func<JsonElement, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            var counters = await GetJsonAsync("/sandbox/counters");
            if (done(counters) || DateTime.UtcNow > deadline)
            {
                return counters;
            }
            await Task.Delay(20, Ct);
        }
    }

    public Task<HttpResponseMessage> PostJsonAsync(string path, object body) => Client.PostAsJsonAsync(path, body, Ct);

    public async Task<JsonElement> PostJsonOkAsync(string path, object body)
    {
        using var response = await PostJsonAsync(path, body);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(response.IsSuccessStatusCode, json.ToString());
        return json;
    }

    /// <summary>The user sends something (POST /sandbox/users/{msisdn}/messages); returns the control API's answer.</summary>
    public Task<JsonElement> UserSendsAsync(string msisdn, object request) =>
        PostJsonOkAsync($"/sandbox/users/{Uri.EscapeDataString(msisdn)}/messages", request);

    public async Task PatchAsync(string path, object body)
    {
        using var response = await Client.PatchAsJsonAsync(path, body, Ct);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _factory.DisposeAsync();
        await Receiver.DisposeAsync();
    }
}
