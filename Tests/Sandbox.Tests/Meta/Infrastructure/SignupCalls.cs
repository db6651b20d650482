using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace WhatsAppGenesys.Sandbox.Tests.Meta.Infrastructure;

// Embedded Signup as an admin dashboard drives it: open the popup, press Continue (the page's script POSTs to the
// finish URL it carries), exchange the code server-side, then call Graph with the token.
public static partial class SignupCalls
{
    public const string AppId = "100200300400500";
    public const string Origin = "https://admin.example.test";

    public static string PopupPath(string appId = AppId, string origin = Origin) =>
        $"/sandbox/embedded-signup?app_id={appId}&config_id=cfg-1&origin={Uri.EscapeDataString(origin)}";

    public sealed record Finished(JsonElement SessionInfo, JsonElement Login, string Code, string WabaId, string PhoneNumberId);

    // Opens the popup and returns the URL its Continue (or Cancel) button posts to.
    public static async Task<string> OpenPopupAsync(this MetaSandboxHost host, string action = "finish")
    {
        var html = await host.Client.GetStringAsync(PopupPath(), MetaSandboxHost.Cancellation);
        var finish = FinishUrl().Match(html);
        Assert.True(finish.Success, html);
        return finish.Groups[1].Value + action;
    }

    public static async Task<Finished> FinishSignupAsync(this MetaSandboxHost host, string? verifiedName = null)
    {
        var url = await host.OpenPopupAsync();
        var response = await host.Client.PostAsJsonAsync(url, new { verifiedName }, MetaSandboxHost.Cancellation);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>(MetaSandboxHost.Cancellation);
        Assert.True(response.IsSuccessStatusCode, json.ToString());
        var info = json.GetProperty("sessionInfo");
        var login = json.GetProperty("login");
        return new Finished(info, login, login.GetProperty("authResponse").GetProperty("code").GetString()!,
            info.GetProperty("data").GetProperty("waba_id").GetString()!, info.GetProperty("data").GetProperty("phone_number_id").GetString()!);
    }

    public static Task<HttpResponseMessage> ExchangeAsync(this MetaSandboxHost host, string code,
        string secret = MetaSandboxHost.AppSecret, string clientId = AppId) =>
        host.Client.GetAsync($"/{MetaSandboxHost.Version}/oauth/access_token?client_id={clientId}" +
            $"&client_secret={Uri.EscapeDataString(secret)}&code={Uri.EscapeDataString(code)}", MetaSandboxHost.Cancellation);

    public static async Task<string> ExchangeOkAsync(this MetaSandboxHost host, string code)
    {
        var response = await host.ExchangeAsync(code);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>(MetaSandboxHost.Cancellation);
        Assert.True(response.IsSuccessStatusCode, json.ToString());
        return json.GetProperty("access_token").GetString()!;
    }

    // A finished signup whose code was exchanged: the new business and its token.
    public static async Task<(Finished Signup, string Token)> OnboardAsync(this MetaSandboxHost host)
    {
        var signup = await host.FinishSignupAsync();
        return (signup, await host.ExchangeOkAsync(signup.Code));
    }

    public static Task<HttpResponseMessage> GraphAsync(this MetaSandboxHost host, HttpMethod method, string path, string? token,
        object? body = null)
    {
        var request = new HttpRequestMessage(method, $"/{MetaSandboxHost.Version}/{path}");
        if (body is not null)
        {
            request.Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        }
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return host.Client.SendAsync(request, MetaSandboxHost.Cancellation);
    }

    public static async Task<JsonElement> GraphOkAsync(this MetaSandboxHost host, HttpMethod method, string path, string? token,
        object? body = null)
    {
        var response = await host.GraphAsync(method, path, token, body);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>(MetaSandboxHost.Cancellation);
        Assert.True(response.IsSuccessStatusCode, json.ToString());
        return json;
    }

    // Graph's OAuth error: {"error":{"message","type":"OAuthException","code","error_subcode"?,"fbtrace_id"}}, HTTP 400,
    // without the error_data WhatsApp calls add.
    public static async Task<JsonElement> OAuthErrorAsync(HttpResponseMessage response, int code, int? subcode = null)
    {
        var json = await response.Content.ReadFromJsonAsync<JsonElement>(MetaSandboxHost.Cancellation);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.BadRequest, json.ToString());
        var error = json.GetProperty("error");
        Assert.Equal("OAuthException", error.GetProperty("type").GetString());
        Assert.Equal(code, error.GetProperty("code").GetInt32());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
        Assert.False(string.IsNullOrEmpty(error.GetProperty("fbtrace_id").GetString()));
        Assert.False(error.TryGetProperty("error_data", out _));
        if (subcode is not null)
        {
            Assert.Equal(subcode, error.GetProperty("error_subcode").GetInt32());
        }
        return error;
    }

    [GeneratedRegex("\"(/sandbox/embedded-signup/[A-Za-z0-9]+/)finish\"")]
    private static partial Regex FinishUrl();
}
