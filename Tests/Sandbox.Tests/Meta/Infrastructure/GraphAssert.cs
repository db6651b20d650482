using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace WhatsAppGenesys.Sandbox.Tests.Meta.Infrastructure;

public static class GraphAssert
{
    // Meta's error shape: {"error":{"message","type","code","error_data":{"messaging_product","details"},"fbtrace_id"}}.
    public static async Task<JsonElement> ErrorAsync(HttpResponseMessage response, HttpStatusCode status, int code)
    {
        var json = await response.Content.ReadFromJsonAsync<JsonElement>(MetaSandboxHost.Cancellation);
        Assert.True(status == response.StatusCode, $"Expected {status}, got {response.StatusCode}: {json}");
        var error = json.GetProperty("error");
        Assert.Equal(code, error.GetProperty("code").GetInt32());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
        Assert.False(string.IsNullOrEmpty(error.GetProperty("type").GetString()));
        Assert.False(string.IsNullOrEmpty(error.GetProperty("fbtrace_id").GetString()));
        var data = error.GetProperty("error_data");
        Assert.Equal("whatsapp", data.GetProperty("messaging_product").GetString());
        Assert.False(string.IsNullOrEmpty(data.GetProperty("details").GetString()));
        return error;
    }
}
