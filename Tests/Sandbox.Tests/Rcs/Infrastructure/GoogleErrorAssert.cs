using System.Net.Http.Json;
using System.Text.Json;

namespace WhatsAppGenesys.Sandbox.Tests.Rcs.Infrastructure;

public static class GoogleErrorAssert
{
    /// <summary>Asserts Google's error shape {"error":{code,message,status}}; returns the error object.</summary>
    public static async Task<JsonElement> IsAsync(HttpResponseMessage response, int code, string status)
    {
        var json = await response.Content.ReadFromJsonAsync<JsonElement>(RcsSandboxHost.Ct);
        Assert.True((int)response.StatusCode == code, $"Expected {code}, got {(int)response.StatusCode}: {json}");
        var error = json.GetProperty("error");
        Assert.Equal(code, error.GetProperty("code").GetInt32());
        Assert.Equal(status, error.GetProperty("status").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
        return error;
    }
}
