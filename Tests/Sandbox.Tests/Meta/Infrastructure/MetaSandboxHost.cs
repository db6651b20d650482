using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace WhatsAppGenesys.Sandbox.Tests.Meta.Infrastructure;

// One simulator plus one receiver per test, so settings, faults and counters never leak between tests.
public sealed class MetaSandboxHost : IAsyncDisposable
{
    public const string Version = "v23.0";
    public const string WabaId = "102290129340398";
    public const string PhoneNumberId = "106540352242922";
    public const string AccessToken = "sandbox-meta-access-token";
    public const string AppSecret = "sandbox-meta-app-secret";

    private MetaSandboxHost(WebhookReceiver receiver, MetaSandboxFactory factory)
    {
        Receiver = receiver;
        Factory = factory;
        Client = factory.CreateClient();
    }

    public WebhookReceiver Receiver { get; }
    public MetaSandboxFactory Factory { get; }
    public HttpClient Client { get; }
    public AdjustableTimeProvider Time => Factory.Time;

    public static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public static async Task<MetaSandboxHost> StartAsync(Dictionary<string, string?>? overrides = null)
    {
        var receiver = await WebhookReceiver.StartAsync();
        var settings = new Dictionary<string, string?>
        {
            ["MetaSandbox:WebhookUrl"] = receiver.Url,
            ["MetaSandbox:Webhooks:InitialRetryDelayMs"] = "100",
            ["MetaSandbox:Webhooks:MaxRetryDelayMs"] = "400",
            ["MetaSandbox:Webhooks:MaxRetryDurationSeconds"] = "20",
            ["MetaSandbox:Statuses:SentDelayMs"] = "20",
            ["MetaSandbox:Statuses:DeliveredDelayMs"] = "40",
            ["MetaSandbox:Statuses:ReadDelayMs"] = "60",
        };
        foreach (var (key, value) in overrides ?? [])
        {
            settings[key] = value;
        }
        return new MetaSandboxHost(receiver, new MetaSandboxFactory(settings));
    }

    // POST /{version}/{phone-number-id}/messages as the business.
    public Task<HttpResponseMessage> SendAsync(object body, string? token = AccessToken, string phoneNumberId = PhoneNumberId) =>
        SendRawAsync(JsonSerializer.Serialize(body), token, phoneNumberId);

    public Task<HttpResponseMessage> SendRawAsync(string json, string? token = AccessToken, string phoneNumberId = PhoneNumberId)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/{Version}/{phoneNumberId}/messages")
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return Client.SendAsync(request, Cancellation);
    }

    public static object Text(string to, string body) =>
        new { messaging_product = "whatsapp", recipient_type = "individual", to, type = "text", text = new { body } };

    // The customer sends a message (which also opens their 24 h window); returns the wamid.
    public async Task<string> CustomerSendsAsync(string customerId, object request)
    {
        var response = await Client.PostAsJsonAsync($"/sandbox/customers/{customerId}/messages", request, Cancellation);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        return json.GetProperty("wamid").GetString()!;
    }

    public async Task<string> SendAcceptedAsync(object body)
    {
        var response = await SendAsync(body);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        Assert.True(response.IsSuccessStatusCode, json.ToString());
        return json.GetProperty("messages")[0].GetProperty("id").GetString()!;
    }

    public async Task<JsonElement> GetJsonAsync(string path) =>
        await Client.GetFromJsonAsync<JsonElement>(path, Cancellation);

    public async Task PatchSettingsAsync(object patch)
    {
        var response = await Client.PatchAsJsonAsync("/sandbox/settings", patch, Cancellation);
        response.EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
        await Receiver.DisposeAsync();
    }
}
