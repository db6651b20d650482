using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WhatsAppGenesys.GenesysSandbox;

namespace WhatsAppGenesys.Sandbox.Tests.Genesys;

/// <summary>
/// One simulator (in-memory test server) plus one webhook receiver (real Kestrel), configured like the sandbox but
/// with test-sized retry delays. Each test gets its own, so state never leaks between tests.
/// </summary>
public sealed class GenesysSandboxHost : IAsyncDisposable
{
    public const string IntegrationId = "8a5e2f4c-2b1d-4c8e-9f6a-3d7b1e0c5a92";
    public const string ClientId = "sandbox-genesys-client";
    public const string ClientSecret = "sandbox-genesys-secret";
    public const string WebhookSecret = "sandbox-genesys-webhook-secret";

    private readonly WebApplicationFactory<GenesysSandboxOptions> _factory;

    private GenesysSandboxHost(WebApplicationFactory<GenesysSandboxOptions> factory, WebhookReceiver receiver, AdjustableTimeProvider clock)
    {
        _factory = factory;
        Receiver = receiver;
        Clock = clock;
        Client = factory.CreateClient();
    }

    public HttpClient Client { get; }
    public WebhookReceiver Receiver { get; }

    /// <summary>A client that shows redirects instead of following them (for the login host's 302s).</summary>
    public HttpClient CreateNonRedirectingClient() =>
        _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
    public AdjustableTimeProvider Clock { get; }

    public static async Task<GenesysSandboxHost> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var receiver = await WebhookReceiver.StartAsync();
        var clock = new AdjustableTimeProvider();
        var configuration = new Dictionary<string, string?>
        {
            ["GenesysSandbox:WebhookUrl"] = receiver.HookUrl,
            ["GenesysSandbox:WebhookRetryDelayMilliseconds"] = "100",
            ["GenesysSandbox:WebhookTimeoutMilliseconds"] = "2000",
            ["GenesysSandbox:AttachmentFetchTimeoutMilliseconds"] = "2000",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        var factory = new WebApplicationFactory<GenesysSandboxOptions>().WithWebHostBuilder(builder =>
        {
            builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(configuration));
            builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(clock));
        });
        return new GenesysSandboxHost(factory, receiver, clock);
    }

    public async Task<string> GetTokenAsync(string clientId = ClientId, string secret = ClientSecret)
    {
        using var response = await RequestTokenAsync(clientId, secret);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;
    }

    public Task<HttpResponseMessage> RequestTokenAsync(string clientId, string secret, string grantType = "client_credentials")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/oauth/token")
        {
            Content = new FormUrlEncodedContent([new("grant_type", grantType)]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{clientId}:{secret}")));
        return Client.SendAsync(request);
    }

    /// <summary>POSTs raw JSON to /api/v2/conversations/messages/{integrationId}/inbound/open/{kind}.</summary>
    public Task<HttpResponseMessage> PostInboundAsync(string token, string kind, string json, string integrationId = IntegrationId, string query = "")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v2/conversations/messages/{integrationId}/inbound/open/{kind}{query}")
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return Client.SendAsync(request);
    }

    /// <summary>A valid inbound text message from <paramref name="customerId"/>.</summary>
    public static string TextMessage(string customerId, string text, string? messageId = null, string idType = "Phone") =>
        new JsonObject
        {
            ["channel"] = new JsonObject
            {
                ["messageId"] = messageId ?? "wamid." + Guid.NewGuid().ToString("N"),
                ["from"] = new JsonObject { ["id"] = customerId, ["idType"] = idType, ["nickname"] = "Test Customer" },
                ["time"] = "2026-03-25T13:20:05.493Z",
            },
            ["text"] = text,
        }.ToJsonString();

    /// <summary>Sends a text from the customer and returns the conversation id Genesys assigned (prefetched).</summary>
    public async Task<string> StartConversationAsync(string token, string customerId)
    {
        using var response = await PostInboundAsync(token, "message", TextMessage(customerId, "hello"), query: "?prefetchConversationId=true");
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("conversationId").GetString()!;
    }

    public async Task<string> SendAgentMessageAsync(string conversationId, object request)
    {
        using var response = await Client.PostAsJsonAsync($"/sandbox/conversations/{conversationId}/agent-messages", request);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    public async Task<JsonElement> GetConversationAsync(string conversationId) =>
        await Client.GetFromJsonAsync<JsonElement>($"/sandbox/conversations/{conversationId}");

    public async Task<JsonElement> GetCountersAsync() => await Client.GetFromJsonAsync<JsonElement>("/sandbox/counters");

    /// <summary>The conversation's message with this id once <paramref name="done"/> holds for it.</summary>
    public async Task<JsonElement> WaitForMessageAsync(string conversationId, string messageId, Func<JsonElement, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            var conversation = await GetConversationAsync(conversationId);
            var message = conversation.GetProperty("messages").EnumerateArray()
                .First(m => m.TryGetProperty("id", out var id) && id.GetString() == messageId);
            if (done(message) || DateTime.UtcNow > deadline)
            {
                return message;
            }
            await Task.Delay(25);
        }
    }

    public static bool DeliveryFinished(JsonElement message) =>
        message.GetProperty("delivery").GetProperty("status").GetString() is "Delivered" or "Failed";

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _factory.DisposeAsync();
        await Receiver.DisposeAsync();
    }
}
