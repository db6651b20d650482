using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WhatsAppGenesys.Sandbox.Tests.Meta.Infrastructure;

namespace WhatsAppGenesys.Sandbox.Tests.Meta;

public sealed class EmbeddedSignupTests
{
    [Fact]
    public async Task PopupShowsTheNewBusinessWithContinueAndCancelAndPostsToTheGivenOrigin()
    {
        await using var host = await MetaSandboxHost.StartAsync();

        var response = await host.Client.GetAsync(SignupCalls.PopupPath(origin: "http://localhost:5173"), MetaSandboxHost.Cancellation);
        var html = await response.Content.ReadAsStringAsync(MetaSandboxHost.Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<button type=\"button\" id=\"continue\">Continue</button>", html);
        Assert.Contains("<button type=\"button\" id=\"cancel\">Cancel</button>", html);
        Assert.Contains("const targetOrigin = \"http://localhost:5173\";", html);
        Assert.Contains("window.opener.postMessage(JSON.stringify(message), targetOrigin)", html);
        Assert.Matches("id=\"waba-id\">\\d{15}<", html);
        Assert.Matches("id=\"phone-number-id\">\\d{15}<", html);
    }

    [Theory]
    [InlineData("999", SignupCalls.Origin)]
    [InlineData(SignupCalls.AppId, "not-an-origin")]
    [InlineData(SignupCalls.AppId, "https://admin.example.test/path")]
    public async Task PopupRefusesAnotherAppOrAMalformedOrigin(string appId, string origin)
    {
        await using var host = await MetaSandboxHost.StartAsync();

        var response = await host.Client.GetAsync(SignupCalls.PopupPath(appId, origin), MetaSandboxHost.Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task ContinueAnswersMetaSessionInfoThenTheCodeForANewBusiness()
    {
        await using var host = await MetaSandboxHost.StartAsync();

        var signup = await host.FinishSignupAsync("Acme Plumbing");

        Assert.Equal(["data", "event", "type", "version"], signup.SessionInfo.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal("WA_EMBEDDED_SIGNUP", signup.SessionInfo.GetProperty("type").GetString());
        Assert.Equal("FINISH", signup.SessionInfo.GetProperty("event").GetString());
        Assert.Equal("3", signup.SessionInfo.GetProperty("version").GetString());
        Assert.Equal(["business_id", "phone_number_id", "waba_id"],
            signup.SessionInfo.GetProperty("data").EnumerateObject().Select(p => p.Name).Order());
        Assert.NotEqual(MetaSandboxHost.WabaId, signup.WabaId);
        Assert.NotEqual(MetaSandboxHost.PhoneNumberId, signup.PhoneNumberId);
        Assert.Equal("SANDBOX_FB_LOGIN", signup.Login.GetProperty("type").GetString());
        Assert.Equal("connected", signup.Login.GetProperty("status").GetString());
        Assert.StartsWith("AQ", signup.Code);
    }

    [Fact]
    public async Task CancelAnswersMetaCancelEventAndCreatesNoBusiness()
    {
        await using var host = await MetaSandboxHost.StartAsync();
        var cancelUrl = await host.OpenPopupAsync("cancel");

        var response = await host.Client.PostAsJsonAsync(cancelUrl, new { }, MetaSandboxHost.Cancellation);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>(MetaSandboxHost.Cancellation);
        var again = await host.Client.PostAsJsonAsync(cancelUrl.Replace("/cancel", "/finish"), new { }, MetaSandboxHost.Cancellation);
        var signups = await host.GetJsonAsync("/sandbox/embedded-signups");

        var info = json.GetProperty("sessionInfo");
        Assert.Equal(("WA_EMBEDDED_SIGNUP", "CANCEL"), (info.GetProperty("type").GetString(), info.GetProperty("event").GetString()));
        Assert.False(string.IsNullOrEmpty(info.GetProperty("data").GetProperty("current_step").GetString()));
        Assert.Equal(JsonValueKind.Null, json.GetProperty("login").GetProperty("authResponse").ValueKind);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("cancelled", Assert.Single(signups.EnumerateArray()).GetProperty("state").GetString());
    }

    [Fact]
    public async Task CodeExchangesForABearerToken()
    {
        await using var host = await MetaSandboxHost.StartAsync();
        var signup = await host.FinishSignupAsync();

        var response = await host.ExchangeAsync(signup.Code);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>(MetaSandboxHost.Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["access_token", "token_type"], json.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal("bearer", json.GetProperty("token_type").GetString());
        Assert.StartsWith("EAA", json.GetProperty("access_token").GetString());
    }

    [Fact]
    public async Task WrongAppSecretIsRefusedAndLeavesTheCodeUsable()
    {
        await using var host = await MetaSandboxHost.StartAsync();
        var signup = await host.FinishSignupAsync();

        var wrong = await host.ExchangeAsync(signup.Code, secret: "not-the-secret");
        var error = await SignupCalls.OAuthErrorAsync(wrong, 1);
        var right = await host.ExchangeAsync(signup.Code);

        Assert.Equal("Error validating client secret.", error.GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
    }

    [Fact]
    public async Task WrongAppIdIsRefused()
    {
        await using var host = await MetaSandboxHost.StartAsync();
        var signup = await host.FinishSignupAsync();

        await SignupCalls.OAuthErrorAsync(await host.ExchangeAsync(signup.Code, clientId: "123"), 101);
    }

    [Fact]
    public async Task ACodeWorksOnce()
    {
        await using var host = await MetaSandboxHost.StartAsync();
        var signup = await host.FinishSignupAsync();
        await host.ExchangeOkAsync(signup.Code);

        var error = await SignupCalls.OAuthErrorAsync(await host.ExchangeAsync(signup.Code), 100, 36009);

        Assert.Equal("This authorization code has been used.", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task UnknownAndExpiredCodesAreRefused()
    {
        await using var host = await MetaSandboxHost.StartAsync();
        var signup = await host.FinishSignupAsync();
        host.Time.Advance(TimeSpan.FromSeconds(301));

        await SignupCalls.OAuthErrorAsync(await host.ExchangeAsync("AQnot-a-code"), 100);
        await SignupCalls.OAuthErrorAsync(await host.ExchangeAsync(signup.Code), 100, 36007);
    }

    [Fact]
    public async Task DebugTokenGrantsBothWhatsAppScopesOnTheNewWaba()
    {
        await using var host = await MetaSandboxHost.StartAsync();
        var (signup, token) = await host.OnboardAsync();
        var appToken = $"{SignupCalls.AppId}|{MetaSandboxHost.AppSecret}";

        var json = await host.GraphOkAsync(HttpMethod.Get, $"debug_token?input_token={token}", appToken);
        var unknown = await host.GraphOkAsync(HttpMethod.Get, "debug_token?input_token=EAAnobody", appToken);
        var anonymous = await host.GraphAsync(HttpMethod.Get, $"debug_token?input_token={token}", null);

        var data = json.GetProperty("data");
        Assert.True(data.GetProperty("is_valid").GetBoolean());
        Assert.Equal(SignupCalls.AppId, data.GetProperty("app_id").GetString());
        var scopes = data.GetProperty("granular_scopes").EnumerateArray()
            .ToDictionary(s => s.GetProperty("scope").GetString()!, s => s.GetProperty("target_ids").EnumerateArray().Select(t => t.GetString()).ToList());
        Assert.Equal([signup.WabaId], scopes["whatsapp_business_management"]);
        Assert.Equal([signup.WabaId], scopes["whatsapp_business_messaging"]);
        Assert.Contains("whatsapp_business_messaging", data.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        Assert.False(unknown.GetProperty("data").GetProperty("is_valid").GetBoolean());
        await SignupCalls.OAuthErrorAsync(anonymous, 104);
    }

    [Fact]
    public async Task PhoneNumbersListsTheSignedUpNumber()
    {
        await using var host = await MetaSandboxHost.StartAsync();
        var (signup, token) = await host.OnboardAsync();

        var json = await host.GraphOkAsync(HttpMethod.Get, $"{signup.WabaId}/phone_numbers", token);
        var foreign = await host.GraphAsync(HttpMethod.Get, $"{MetaSandboxHost.WabaId}/phone_numbers", token);

        var number = Assert.Single(json.GetProperty("data").EnumerateArray());
        Assert.Equal(signup.PhoneNumberId, number.GetProperty("id").GetString());
        Assert.StartsWith("+1555", number.GetProperty("display_phone_number").GetString());
        Assert.Equal("VERIFIED", number.GetProperty("code_verification_status").GetString());
        Assert.Equal("GREEN", number.GetProperty("quality_rating").GetString());
        Assert.Equal("NOT_APPLICABLE", number.GetProperty("platform_type").GetString());
        Assert.False(string.IsNullOrEmpty(number.GetProperty("verified_name").GetString()));
        Assert.True(json.GetProperty("paging").GetProperty("cursors").TryGetProperty("after", out _));
        await GraphAssert.ErrorAsync(foreign, HttpStatusCode.Unauthorized, 190);
    }

    [Fact]
    public async Task SubscribingTheAppIsRecordedAndStartsTheWebhooks()
    {
        await using var host = await MetaSandboxHost.StartAsync();
        var (signup, token) = await host.OnboardAsync();
        var before = await host.GraphOkAsync(HttpMethod.Get, $"{signup.WabaId}/subscribed_apps", token);
        await host.CustomerSendsAsync("15550900001", new { type = "text", text = "before", phoneNumberId = signup.PhoneNumberId });

        var subscribed = await host.GraphOkAsync(HttpMethod.Post, $"{signup.WabaId}/subscribed_apps", token);
        var after = await host.GraphOkAsync(HttpMethod.Get, $"{signup.WabaId}/subscribed_apps", token);
        await host.CustomerSendsAsync("15550900001", new { type = "text", text = "after", phoneNumberId = signup.PhoneNumberId });
        var webhooks = await host.Receiver.WaitForAsync(r => r.Count >= 1);
        var listed = Assert.Single((await host.GetJsonAsync("/sandbox/embedded-signups")).EnumerateArray());

        Assert.Empty(before.GetProperty("data").EnumerateArray());
        Assert.True(subscribed.GetProperty("success").GetBoolean());
        var app = Assert.Single(after.GetProperty("data").EnumerateArray()).GetProperty("whatsapp_business_api_data");
        Assert.Equal(SignupCalls.AppId, app.GetProperty("id").GetString());
        var webhook = Assert.Single(webhooks);
        Assert.Equal(signup.WabaId, webhook.Json.GetProperty("entry")[0].GetProperty("id").GetString());
        Assert.Equal("after", webhook.Value.GetProperty("messages")[0].GetProperty("text").GetProperty("body").GetString());
        Assert.True(listed.GetProperty("subscribed").GetBoolean());
    }

    [Fact]
    public async Task RegisterTakesASixDigitPinAndIsRecorded()
    {
        await using var host = await MetaSandboxHost.StartAsync();
        var (signup, token) = await host.OnboardAsync();
        var path = $"{signup.PhoneNumberId}/register";

        var shortPin = await host.GraphAsync(HttpMethod.Post, path, token, new { messaging_product = "whatsapp", pin = "12345" });
        var letters = await host.GraphAsync(HttpMethod.Post, path, token, new { messaging_product = "whatsapp", pin = "12a456" });
        var listedBefore = Assert.Single((await host.GetJsonAsync("/sandbox/embedded-signups")).EnumerateArray());
        var ok = await host.GraphOkAsync(HttpMethod.Post, path, token, new { messaging_product = "whatsapp", pin = "123456" });
        var listed = Assert.Single((await host.GetJsonAsync("/sandbox/embedded-signups")).EnumerateArray());
        var numbers = await host.GraphOkAsync(HttpMethod.Get, $"{signup.WabaId}/phone_numbers", token);

        await GraphAssert.ErrorAsync(shortPin, HttpStatusCode.BadRequest, 100);
        await GraphAssert.ErrorAsync(letters, HttpStatusCode.BadRequest, 100);
        Assert.False(listedBefore.GetProperty("registered").GetBoolean());
        Assert.True(ok.GetProperty("success").GetBoolean());
        Assert.True(listed.GetProperty("registered").GetBoolean());
        Assert.Equal("CLOUD_API", numbers.GetProperty("data")[0].GetProperty("platform_type").GetString());
    }

    [Fact]
    public async Task TheExchangedTokenSendsFromTheNewNumberAndOnlyFromIt()
    {
        await using var host = await MetaSandboxHost.StartAsync();
        var (signup, token) = await host.OnboardAsync();

        var response = await host.SendAsync(MetaSandboxHost.Text("15550900002", "welcome"), token, signup.PhoneNumberId);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>(MetaSandboxHost.Cancellation);
        var foreign = await host.SendAsync(MetaSandboxHost.Text("15550900002", "welcome"), token);

        Assert.True(response.StatusCode == HttpStatusCode.OK, json.ToString());
        Assert.StartsWith("wamid.", json.GetProperty("messages")[0].GetProperty("id").GetString());
        await GraphAssert.ErrorAsync(foreign, HttpStatusCode.Unauthorized, 190);
    }

    [Fact]
    public async Task ControlListsTheSignupWithItsIdsAndProgress()
    {
        await using var host = await MetaSandboxHost.StartAsync();
        var (signup, _) = await host.OnboardAsync();

        var listed = Assert.Single((await host.GetJsonAsync("/sandbox/embedded-signups")).EnumerateArray());

        Assert.Equal("finished", listed.GetProperty("state").GetString());
        Assert.Equal(signup.WabaId, listed.GetProperty("wabaId").GetString());
        Assert.Equal(signup.PhoneNumberId, listed.GetProperty("phoneNumberId").GetString());
        Assert.Equal(SignupCalls.Origin, listed.GetProperty("origin").GetString());
        Assert.True(listed.GetProperty("codeExchanged").GetBoolean());
        Assert.False(listed.GetProperty("subscribed").GetBoolean());
        Assert.False(listed.GetProperty("registered").GetBoolean());
        Assert.False(listed.TryGetProperty("accessToken", out _));
    }
}
