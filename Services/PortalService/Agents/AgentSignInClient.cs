using System.Net;
using Microsoft.AspNetCore.Mvc;
using WhatsAppGenesys.Contracts.Agents;

namespace WhatsAppGenesys.PortalService.Agents;

/// <summary>The auth service's agent sign-in routes: it is the only one that speaks OAuth with Genesys.</summary>
public sealed class AgentSignInClient(HttpClient http)
{
    public async Task<AgentCall<AgentAuthorizeResponse>> AuthorizeAsync(AgentAuthorizeRequest request, CancellationToken cancellationToken) =>
        await SendAsync<AgentAuthorizeResponse>(() => http.PostAsJsonAsync("auth/agents/authorize", request, cancellationToken), cancellationToken);

    public async Task<AgentCall<GenesysAgent>> SignInAsync(AgentSignInRequest request, CancellationToken cancellationToken) =>
        await SendAsync<GenesysAgent>(() => http.PostAsJsonAsync("auth/agents/sign-in", request, cancellationToken), cancellationToken);

    /// <summary>The Genesys Cloud origin that may frame the tenant's agent widget; a 404 problem for an unknown tenant.</summary>
    public async Task<AgentCall<AgentWidgetHost>> WidgetHostAsync(string tenantId, CancellationToken cancellationToken) =>
        await SendAsync<AgentWidgetHost>(() => http.GetAsync($"auth/agents/{Uri.EscapeDataString(tenantId)}/widget-host", cancellationToken),
            cancellationToken);

    /// <summary>The user as Genesys has them now; a 404 problem when Genesys no longer has them.</summary>
    public async Task<AgentCall<GenesysAgent>> FindAsync(string tenantId, string genesysUserId, CancellationToken cancellationToken) =>
        await SendAsync<GenesysAgent>(() => http.GetAsync(
            $"auth/agents/{Uri.EscapeDataString(tenantId)}/users/{Uri.EscapeDataString(genesysUserId)}", cancellationToken), cancellationToken);

    private static async Task<AgentCall<T>> SendAsync<T>(Func<Task<HttpResponseMessage>> send, CancellationToken cancellationToken)
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
            return AgentCall<T>.Failed(StatusCodes.Status503ServiceUnavailable, "Sign-in unavailable",
                "The sign-in service could not be reached; try again in a moment.");
        }
        using (response)
        {
            if (response.IsSuccessStatusCode)
            {
                return AgentCall<T>.Ok((await response.Content.ReadFromJsonAsync<T>(cancellationToken))!);
            }
            var problem = await response.ReadProblemAsync(cancellationToken);
            return AgentCall<T>.Failed((int)response.StatusCode,
                problem?.Title ?? "Sign-in failed",
                problem?.Detail ?? (response.StatusCode == HttpStatusCode.NotFound ? "Not found." : "The sign-in could not be completed."));
        }
    }
}

/// <summary>The auth service's answer: the value, or the problem to pass on to the agent.</summary>
public sealed record AgentCall<T>(T? Value, int Status, string? Title, string? Detail) where T : class
{
    public static AgentCall<T> Ok(T value) => new(value, StatusCodes.Status200OK, null, null);

    public static AgentCall<T> Failed(int status, string title, string detail) => new(null, status, title, detail);

    public IResult ToProblem() => Results.Problem(statusCode: Status, title: Title, detail: Detail);
}
