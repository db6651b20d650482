using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using WhatsAppGenesys.Contracts.Meta;

namespace WhatsAppGenesys.Sandbox.Tests.Meta.Infrastructure;

// The WhatsApp Business Management calls a portal makes, over real HTTP against the simulator, plus the template
// controls tests use to skip review.
public static class TemplateCalls
{
    public const string TemplatesPath = $"/{MetaSandboxHost.Version}/{MetaSandboxHost.WabaId}/message_templates";

    // A UTILITY template whose body has two positional placeholders, with the example Meta requires.
    public static object Utility(string name, string language = "en_US") => new
    {
        name,
        language,
        category = "UTILITY",
        components = new object[]
        {
            new { type = "BODY", text = "Your order {{1}} ships on {{2}}.", example = new { body_text = new[] { new[] { "A-1", "Monday" } } } },
        },
    };

    public static Task<HttpResponseMessage> CreateTemplateAsync(this MetaSandboxHost host, object body, string? token = MetaSandboxHost.AccessToken) =>
        host.CreateTemplateRawAsync(JsonSerializer.Serialize(body), token);

    public static Task<HttpResponseMessage> CreateTemplateRawAsync(this MetaSandboxHost host, string json, string? token = MetaSandboxHost.AccessToken) =>
        host.Client.SendAsync(Request(HttpMethod.Post, TemplatesPath, token, json), MetaSandboxHost.Cancellation);

    public static Task<HttpResponseMessage> ListTemplatesAsync(this MetaSandboxHost host, string query = "", string? token = MetaSandboxHost.AccessToken) =>
        host.Client.SendAsync(Request(HttpMethod.Get, TemplatesPath + query, token), MetaSandboxHost.Cancellation);

    public static Task<HttpResponseMessage> DeleteTemplateAsync(this MetaSandboxHost host, string query, string? token = MetaSandboxHost.AccessToken) =>
        host.Client.SendAsync(Request(HttpMethod.Delete, TemplatesPath + query, token), MetaSandboxHost.Cancellation);

    public static async Task<MetaCreateTemplateResponse> CreateTemplateOkAsync(this MetaSandboxHost host, object body)
    {
        var response = await host.CreateTemplateAsync(body);
        var text = await response.Content.ReadAsStringAsync(MetaSandboxHost.Cancellation);
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonSerializer.Deserialize<MetaCreateTemplateResponse>(text, MetaJson.Options)!;
    }

    public static async Task<MetaGraphList<MetaMessageTemplate>> ListTemplatesOkAsync(this MetaSandboxHost host, string query = "")
    {
        var response = await host.ListTemplatesAsync(query);
        var text = await response.Content.ReadAsStringAsync(MetaSandboxHost.Cancellation);
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonSerializer.Deserialize<MetaGraphList<MetaMessageTemplate>>(text, MetaJson.Options)!;
    }

    // Sets a status through the control API, which also posts the status webhook.
    public static async Task SetTemplateStatusAsync(this MetaSandboxHost host, string templateId, string status, string? reason = null)
    {
        var response = await host.Client.PostAsJsonAsync($"/sandbox/templates/{templateId}/status", new { status, reason }, MetaSandboxHost.Cancellation);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(MetaSandboxHost.Cancellation));
    }

    public static async Task<string> CreateApprovedTemplateAsync(this MetaSandboxHost host, object body)
    {
        var created = await host.CreateTemplateOkAsync(body);
        await host.SetTemplateStatusAsync(created.Id, MetaTemplateStatus.Approved);
        return created.Id;
    }

    public static object TemplateMessage(string to, string name, string language, params string[] bodyParameters) => new
    {
        messaging_product = "whatsapp",
        recipient_type = "individual",
        to,
        type = "template",
        template = new
        {
            name,
            language = new { code = language },
            components = new object[] { new { type = "body", parameters = bodyParameters.Select(p => new { type = "text", text = p }).ToArray() } },
        },
    };

    // Template status webhooks that reached the receiver with a valid signature.
    public static IReadOnlyList<JsonElement> TemplateStatusValues(this WebhookReceiver receiver) =>
        [.. receiver.Accepted
            .SelectMany(w => w.Json.GetProperty("entry").EnumerateArray())
            .SelectMany(e => e.GetProperty("changes").EnumerateArray())
            .Where(c => c.GetProperty("field").GetString() == MetaTemplateStatusUpdate.Field)
            .Select(c => c.GetProperty("value"))];

    private static HttpRequestMessage Request(HttpMethod method, string path, string? token, string? json = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return request;
    }
}
