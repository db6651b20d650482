using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using WhatsAppGenesys.AuthService.Tokens;

namespace WhatsAppGenesys.AuthService.Agents;

/// <summary>
/// The Genesys calls behind agent sign-in: redeem an authorization code (PKCE), ask who signed in, which
/// organization a tenant's OAuth client belongs to, and whether a user still exists with which roles. Hosts come
/// only from the region allow-list (or the operator's sandbox override), as for the client-credentials exchange.
/// </summary>
public sealed class GenesysUsers(
    IHttpClientFactory httpClientFactory,
    IOptions<GenesysOptions> genesys,
    IOptions<AgentSignInOptions> signIn,
    ILogger<GenesysUsers> logger)
{
    public const string HttpClientName = "genesys-users";

    private const string UserExpand = "expand=organization,authorization";

    public Uri LoginBaseUri(string regionDomain) =>
        genesys.Value.BaseUrlOverride ?? Contracts.Tenancy.GenesysRegions.LoginBaseUri(regionDomain);

    /// <summary>The origin of the Genesys Cloud web app that frames the agent widget (the simulator's own in the sandbox).</summary>
    public string AppsOrigin(string regionDomain) =>
        genesys.Value.BaseUrlOverride?.GetLeftPart(UriPartial.Authority) ?? Contracts.Tenancy.GenesysRegions.AppsOrigin(regionDomain);

    private Uri ApiBaseUri(string regionDomain) =>
        genesys.Value.BaseUrlOverride ?? Contracts.Tenancy.GenesysRegions.ApiBaseUri(regionDomain);

    /// <summary>POST /oauth/token with grant_type=authorization_code and the PKCE verifier: the user's access token.</summary>
    public async Task<string> RedeemCodeAsync(string regionDomain, string code, string redirectUri, string codeVerifier,
        CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(LoginBaseUri(regionDomain), "/oauth/token"))
        {
            Content = new FormUrlEncodedContent(
            [
                new("grant_type", "authorization_code"),
                new("code", code),
                new("redirect_uri", redirectUri),
                new("client_id", signIn.Value.ClientId),
                new("code_verifier", codeVerifier),
            ]),
        };
        // The login client has no retries: a code is good for one redemption only.
        using var response = await SendAsync(GenesysLogin.HttpClientName, request, regionDomain, cancellationToken);
        if (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized)
        {
            var error = await ReadOAuthErrorAsync(response, cancellationToken);
            throw new TokenFailureException(StatusCodes.Status401Unauthorized, "Sign-in not accepted",
                $"Genesys did not accept the sign-in ({error ?? "status " + (int)response.StatusCode}). Sign in again.");
        }
        EnsureSuccess(response, "the sign-in code");
        var token = await response.Content.ReadFromJsonAsync<OAuthCodeTokenWire>(cancellationToken);
        return token?.AccessToken is { Length: > 0 } accessToken
            ? accessToken
            : throw new TokenFailureException(StatusCodes.Status502BadGateway, "Genesys token unusable",
                "Genesys answered the sign-in without an access token.");
    }

    /// <summary>GET /api/v2/users/me with the user's own token: who signed in, their organization and roles.</summary>
    public async Task<GenesysUserWire> GetSignedInUserAsync(string regionDomain, string userToken, CancellationToken cancellationToken)
    {
        using var response = await GetAsync(regionDomain, $"/api/v2/users/me?{UserExpand}", userToken, cancellationToken);
        EnsureSuccess(response, "the signed-in user");
        return await response.Content.ReadFromJsonAsync<GenesysUserWire>(cancellationToken)
            ?? throw new TokenFailureException(StatusCodes.Status502BadGateway, "Genesys answer unusable", "Genesys returned no user.");
    }

    /// <summary>GET /api/v2/users/{id} with the tenant's client token; null when the organization no longer has the user.</summary>
    public async Task<GenesysUserWire?> FindUserAsync(string regionDomain, string tenantToken, string userId,
        CancellationToken cancellationToken)
    {
        using var response = await GetAsync(regionDomain, $"/api/v2/users/{Uri.EscapeDataString(userId)}?{UserExpand}",
            tenantToken, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        EnsureSuccess(response, "a user");
        return await response.Content.ReadFromJsonAsync<GenesysUserWire>(cancellationToken);
    }

    /// <summary>GET /api/v2/organizations/me with the tenant's client token: the organization the tenant is connected to.</summary>
    public async Task<string> GetOrganizationIdAsync(string regionDomain, string tenantToken, CancellationToken cancellationToken)
    {
        using var response = await GetAsync(regionDomain, "/api/v2/organizations/me", tenantToken, cancellationToken);
        EnsureSuccess(response, "the tenant's organization");
        var organization = await response.Content.ReadFromJsonAsync<GenesysEntityWire>(cancellationToken);
        return organization?.Id is { Length: > 0 } id
            ? id
            : throw new TokenFailureException(StatusCodes.Status502BadGateway, "Genesys answer unusable", "Genesys returned no organization id.");
    }

    private async Task<HttpResponseMessage> GetAsync(string regionDomain, string pathAndQuery, string token,
        CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(ApiBaseUri(regionDomain), pathAndQuery));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using (request)
        {
            return await SendAsync(HttpClientName, request, regionDomain, cancellationToken);
        }
    }

    private async Task<HttpResponseMessage> SendAsync(string clientName, HttpRequestMessage request, string regionDomain,
        CancellationToken cancellationToken)
    {
        try
        {
            return await httpClientFactory.CreateClient(clientName).SendAsync(request, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or Polly.Timeout.TimeoutRejectedException
            && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Genesys {Region} unreachable for agent sign-in: {Reason}", regionDomain, ex.GetType().Name);
            throw new TokenFailureException(StatusCodes.Status503ServiceUnavailable, "Genesys unreachable",
                $"Genesys ({regionDomain}) could not be reached; try again in a moment.");
        }
    }

    private static void EnsureSuccess(HttpResponseMessage response, string what)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new TokenFailureException(
                response.StatusCode == HttpStatusCode.TooManyRequests ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status502BadGateway,
                "Genesys refused", $"Genesys answered {(int)response.StatusCode} when asked for {what}.");
        }
    }

    private static async Task<string?> ReadOAuthErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var error = await response.Content.ReadFromJsonAsync<OAuthErrorWire>(cancellationToken);
            // Only a plain OAuth error code ("invalid_grant"); never echo anything else Genesys said.
            return error?.Error is { Length: > 0 and <= 64 } code && code.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.')
                ? code
                : null;
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or NotSupportedException)
        {
            return null;
        }
    }
}
