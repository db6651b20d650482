using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Mvc;
using WhatsAppGenesys.Contracts.Agents;

namespace WhatsAppGenesys.AgentWeb.SignIn;

/// <summary>The portal service's agent routes: sign-in, the session, sign-out.</summary>
public sealed class PortalServiceClient(HttpClient http)
{
    public async Task<PortalAnswer<AgentAuthorizeResponse>> AuthorizeAsync(AgentAuthorizeRequest request, CancellationToken cancellationToken) =>
        await ReadAsync<AgentAuthorizeResponse>(() => http.PostAsJsonAsync("api/v1/agent/sign-in/authorize", request, cancellationToken), cancellationToken);

    public async Task<PortalAnswer<AgentSessionResponse>> SignInAsync(AgentSignInRequest request, CancellationToken cancellationToken) =>
        await ReadAsync<AgentSessionResponse>(() => http.PostAsJsonAsync("api/v1/agent/sessions", request, cancellationToken), cancellationToken);

    /// <summary>The agent the token belongs to; a 401 answer when it is expired, signed out, or its agent lost access.</summary>
    public async Task<PortalAnswer<AgentProfile>> MeAsync(string token, CancellationToken cancellationToken) =>
        await ReadAsync<AgentProfile>(() => http.SendAsync(WithToken(HttpMethod.Get, "api/v1/agent/me", token), cancellationToken), cancellationToken);

    public async Task SignOutAsync(string token, CancellationToken cancellationToken)
    {
        using var response = await http.SendAsync(WithToken(HttpMethod.Delete, "api/v1/agent/sessions/current", token), cancellationToken);
        // 401: the token was already expired or revoked, which is what signing out wants.
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            response.EnsureSuccessStatusCode();
        }
    }

    private static HttpRequestMessage WithToken(HttpMethod method, string path, string token)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    private static async Task<PortalAnswer<T>> ReadAsync<T>(Func<Task<HttpResponseMessage>> send, CancellationToken cancellationToken)
        where T : class
    {
        HttpResponseMessage response;
        try
        {
            response = await send();
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or Polly.Timeout.TimeoutRejectedException
            && !cancellationToken.IsCancellationRequested)
        {
            return new PortalAnswer<T>(null, StatusCodes.Status503ServiceUnavailable, "Unavailable");
        }
        using (response)
        {
            if (response.IsSuccessStatusCode)
            {
                return new PortalAnswer<T>(await response.Content.ReadFromJsonAsync<T>(cancellationToken), (int)response.StatusCode, null);
            }
            var problem = await response.ReadProblemAsync(cancellationToken);
            return new PortalAnswer<T>(null, (int)response.StatusCode, problem?.Title);
        }
    }
}

/// <summary>The value, or the status and problem title of a refusal (the sign-in page words it for the agent).</summary>
public sealed record PortalAnswer<T>(T? Value, int Status, string? ProblemTitle) where T : class;
