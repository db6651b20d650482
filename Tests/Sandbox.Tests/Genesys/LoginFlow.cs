using System.Buffers.Text;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;

namespace WhatsAppGenesys.Sandbox.Tests.Genesys;

/// <summary>
/// Drives the login host the way a browser and the agent portal do: the sign-in page, the chosen user's POST, the 302
/// back with a code, and the code's exchange with a PKCE verifier.
/// </summary>
internal sealed partial class LoginFlow : IDisposable
{
    public const string LoginClientId = "agent-portal";
    public const string RedirectUri = "https://portal.example.test/auth/genesys/callback";
    public const string OtherRedirectUri = "https://portal.example.test/auth/other-callback";
    public const string SessionCookie = "gc-sandbox-session";

    /// <summary>The agent widget's URL template, as an admin registers it for an interaction widget integration.</summary>
    public const string WidgetTemplate =
        "https://widget.example.test/?workspace=acme&conversationId={{gcConversationId}}&gcHostOrigin={{gcHostOrigin}}&gcTargetEnv={{gcTargetEnv}}";

    private readonly GenesysSandboxHost _host;

    public LoginFlow(GenesysSandboxHost host)
    {
        _host = host;
        Browser = host.CreateNonRedirectingClient();
        Verifier = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        Challenge = ChallengeOf(Verifier);
    }

    public HttpClient Browser { get; }
    public string Verifier { get; }
    public string Challenge { get; }
    public string State { get; } = "st&te=" + Guid.NewGuid().ToString("N");

    public static string ChallengeOf(string verifier) => Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    /// <summary>The sandbox client's organization id: the first 16 bytes of SHA-256("org:" + client id) as a GUID.</summary>
    public static string DefaultOrganizationId(string clientId = GenesysSandboxHost.ClientId) =>
        new Guid(SHA256.HashData(Encoding.UTF8.GetBytes("org:" + clientId)).AsSpan(0, 16)).ToString("D");

    public async Task RegisterLoginClientAsync(params string[] redirectUris)
    {
        using var response = await _host.Client.PostJsonAsync("/sandbox/login-clients", new
        {
            clientId = LoginClientId,
            redirectUris = redirectUris.Length == 0 ? [RedirectUri, OtherRedirectUri] : redirectUris,
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public async Task<JsonElement> PutUserAsync(string userId, string name, string email, string[]? roles = null, string state = "active",
        string? organizationId = null)
    {
        using var response = await _host.Client.PutAsJsonAsync($"/sandbox/organizations/{organizationId ?? DefaultOrganizationId()}/users/{userId}",
            new { name, email, roles = roles ?? ["Communicate - Agent"], state }, HttpTestExtensions.Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonAsync();
    }

    public string AuthorizeQuery(string? redirectUri = RedirectUri, string? challenge = "", string? method = "S256",
        string responseType = "code", string clientId = LoginClientId)
    {
        var parameters = new List<KeyValuePair<string, string?>>
        {
            new("response_type", responseType),
            new("client_id", clientId),
            new("redirect_uri", redirectUri),
            new("state", State),
            new("code_challenge", challenge == "" ? Challenge : challenge),
            new("code_challenge_method", method),
        };
        return QueryHelpers.AddQueryString("/oauth/authorize", parameters.Where(p => p.Value is not null));
    }

    public Task<HttpResponseMessage> GetSignInPageAsync(string? query = null) =>
        Browser.GetAsync(query ?? AuthorizeQuery(), HttpTestExtensions.Ct);

    /// <summary>Submits the sign-in page's form as the browser would: its hidden inputs plus the chosen user's button.</summary>
    public async Task<HttpResponseMessage> ChooseUserAsync(string userId, string? page = null)
    {
        if (page is null)
        {
            using var response = await GetSignInPageAsync();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            page = await response.Content.ReadAsStringAsync(HttpTestExtensions.Ct);
        }
        var fields = HiddenInputs(page).Append(new("userId", userId));
        return await Browser.PostAsync("/oauth/authorize", new FormUrlEncodedContent(fields), HttpTestExtensions.Ct);
    }

    /// <summary>Signs the user in and returns the code from the redirect.</summary>
    public async Task<string> GetCodeAsync(string userId)
    {
        using var response = await ChooseUserAsync(userId);
        return CodeFrom(response);
    }

    /// <summary>The code of a successful answer from /oauth/authorize: a 302 to the redirect URI with the code and this flow's state.</summary>
    public string CodeFrom(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        Assert.StartsWith(RedirectUri + "?code=", location, StringComparison.Ordinal);
        var query = QueryHelpers.ParseQuery(new Uri(location).Query);
        Assert.Equal(State, query["state"].ToString());
        return query["code"].ToString();
    }

    /// <summary>
    /// Opens the interaction window in this flow's browser, which signs the user in to the login host (its session
    /// cookie stays in the browser). A null argument is left out of the query.
    /// </summary>
    public Task<HttpResponseMessage> OpenInteractionWindowAsync(string? userId, string? conversationId = "conversation-1",
        string? widget = WidgetTemplate)
    {
        var parameters = new List<KeyValuePair<string, string?>> { new("userId", userId), new("conversationId", conversationId), new("widget", widget) };
        return Browser.GetAsync(QueryHelpers.AddQueryString("/sandbox/interaction-window", parameters.Where(p => p.Value is not null)),
            HttpTestExtensions.Ct);
    }

    /// <summary>Opens the interaction window for the user, which signs them in, and checks that it opened.</summary>
    public async Task OpenSignedInAsync(string userId)
    {
        using var response = await OpenInteractionWindowAsync(userId);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public Task<HttpResponseMessage> ExchangeAsync(string code, string? verifier = null, string redirectUri = RedirectUri,
        string clientId = LoginClientId)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("grant_type", "authorization_code"),
            new("code", code),
            new("redirect_uri", redirectUri),
            new("client_id", clientId),
            new("code_verifier", verifier ?? Verifier),
        };
        return _host.Client.PostAsync("/oauth/token", new FormUrlEncodedContent(fields), HttpTestExtensions.Ct);
    }

    public async Task<string> SignInAsync(string userId)
    {
        using var response = await ExchangeAsync(await GetCodeAsync(userId));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.JsonAsync()).GetProperty("access_token").GetString()!;
    }

    public Task<HttpResponseMessage> GetApiAsync(string path, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return _host.Client.SendAsync(request, HttpTestExtensions.Ct);
    }

    public static IEnumerable<KeyValuePair<string, string>> HiddenInputs(string page) =>
        HiddenInput().Matches(page).Select(m =>
            new KeyValuePair<string, string>(WebUtility.HtmlDecode(m.Groups[1].Value), WebUtility.HtmlDecode(m.Groups[2].Value)));

    public static IReadOnlyList<string> UserButtons(string page) =>
        [.. UserButton().Matches(page).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value))];

    public void Dispose() => Browser.Dispose();

    [GeneratedRegex("""<input type="hidden" name="([^"]*)" value="([^"]*)">""")]
    private static partial Regex HiddenInput();

    [GeneratedRegex("""<button type="submit" name="userId" value="([^"]*)">""")]
    private static partial Regex UserButton();
}
