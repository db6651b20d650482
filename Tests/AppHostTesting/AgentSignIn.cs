using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace WhatsAppGenesys.AppHostTesting;

/// <summary>
/// An agent's sign-in with Genesys as the agent portal's server and the agent's browser perform it, over plain HTTP
/// against the running system and its Genesys simulator: the authorize URL from the portal service, the simulator's
/// login form answered as one of its users, and the code it redirects back with, redeemed with the PKCE verifier.
/// </summary>
public static class AgentSignIn
{
    /// <summary>The code Genesys redirects back with, and the verifier it must be redeemed with.</summary>
    public static async Task<(string Code, string Verifier)> AuthorizeAsync(HttpClient portalService, string tenantId, string callbackUrl,
        string genesysUserId, CancellationToken ct)
    {
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var state = Base64Url(RandomNumberGenerator.GetBytes(12));
        using var authorize = await portalService.PostAsJsonAsync("/api/v1/agent/sign-in/authorize",
            new { tenantId, redirectUri = callbackUrl, state, codeChallenge = challenge }, ct);
        var url = new Uri((await authorize.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonObject>(ct))!["authorizeUrl"]!.GetValue<string>());

        // The login page's form posts the query back with the chosen user.
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var query = System.Web.HttpUtility.ParseQueryString(url.Query);
        var form = query.AllKeys.OfType<string>().ToDictionary(k => k, k => query[k] ?? "");
        form["userId"] = genesysUserId;
        using var login = await browser.PostAsync(new Uri(url, "/oauth/authorize"), new FormUrlEncodedContent(form), ct);
        if (login.StatusCode != HttpStatusCode.Redirect || login.Headers.Location is not { } back
            || !back.ToString().StartsWith(callbackUrl, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The Genesys login answered {(int)login.StatusCode} to {login.Headers.Location}, not a redirect to {callbackUrl}.");
        }
        var answer = System.Web.HttpUtility.ParseQueryString(back.Query);
        if (answer["state"] != state)
        {
            throw new InvalidOperationException("The Genesys login redirected back with another state.");
        }
        return (answer["code"] ?? "", verifier);
    }

    /// <summary>The whole sign-in: the session token the portal service issues.</summary>
    public static async Task<string> SignInAsync(HttpClient portalService, string tenantId, string callbackUrl, string genesysUserId, CancellationToken ct)
    {
        var (code, verifier) = await AuthorizeAsync(portalService, tenantId, callbackUrl, genesysUserId, ct);
        using var session = await portalService.PostAsJsonAsync("/api/v1/agent/sessions",
            new { tenantId, code, redirectUri = callbackUrl, codeVerifier = verifier }, ct);
        return (await session.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonObject>(ct))!["token"]!.GetValue<string>();
    }

    private static string Base64Url(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);
}
