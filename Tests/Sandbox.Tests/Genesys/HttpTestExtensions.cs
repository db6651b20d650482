using System.Net.Http.Json;
using System.Text.Json;

namespace WhatsAppGenesys.Sandbox.Tests.Genesys;

/// <summary>HTTP helpers that carry the test's cancellation token, so a cancelled run stops promptly.</summary>
internal static class HttpTestExtensions
{
    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static Task<JsonElement> JsonAsync(this HttpResponseMessage response) =>
        response.Content.ReadFromJsonAsync<JsonElement>(Ct);

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string path, object body) =>
        client.PostAsJsonAsync(path, body, Ct);

    public static Task<JsonElement> GetJsonAsync(this HttpClient client, string path) =>
        client.GetFromJsonAsync<JsonElement>(path, Ct);
}
