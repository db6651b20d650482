using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace WhatsAppGenesys.GenesysSandbox.OAuth;

/// <summary>
/// A checked authorization request (<c>/oauth/authorize</c>, RFC 6749 §4.1.1 with RFC 7636 §4.3), read from the query
/// of the GET or the form of the POST. Problems with the client or its redirect URI are shown on a page and never
/// redirected (RFC 6749 §4.1.2.1); every later problem goes back to the redirect URI as <c>error</c> and <c>state</c>.
/// </summary>
public sealed record AuthorizeRequest(string ClientId, string RedirectUri, string? State, string CodeChallenge)
{
    public static (AuthorizeRequest? Request, IResult? Error) Read(Func<string, StringValues> parameter, LoginClientRegistry clients)
    {
        var clientId = parameter("client_id");
        var redirectUri = parameter("redirect_uri");
        if (clientId.Count != 1 || string.IsNullOrEmpty(clientId[0]))
        {
            return Page("The request has no client_id (or more than one).");
        }
        if (clients.Find(clientId[0]) is not { } client)
        {
            return Page($"Unknown client_id \"{clientId[0]}\".");
        }
        if (redirectUri.Count != 1 || !client.Allows(redirectUri[0]))
        {
            return Page(redirectUri.Count == 0
                ? $"The request has no redirect_uri; client \"{client.ClientId}\" must name one of its registered redirect URIs."
                : $"redirect_uri \"{redirectUri}\" is not registered for client \"{client.ClientId}\".");
        }

        var redirect = redirectUri[0]!;
        var state = parameter("state");
        if (state.Count > 1)
        {
            return Redirect(redirect, "invalid_request", "state is repeated.", null);
        }
        var stateValue = state.Count == 1 ? state[0] : null;

        var responseType = parameter("response_type");
        if (responseType.Count != 1 || string.IsNullOrEmpty(responseType[0]))
        {
            return Redirect(redirect, "invalid_request", "response_type is required (once).", stateValue);
        }
        if (responseType[0] != "code")
        {
            return Redirect(redirect, "unsupported_response_type", "Only response_type=code is supported.", stateValue);
        }

        var challenge = parameter("code_challenge");
        var method = parameter("code_challenge_method");
        if (challenge.Count != 1 || string.IsNullOrEmpty(challenge[0]))
        {
            return Redirect(redirect, "invalid_request", "code_challenge is required (PKCE).", stateValue);
        }
        if (method.Count != 1 || method[0] != Pkce.S256)
        {
            return Redirect(redirect, "invalid_request", "code_challenge_method must be S256.", stateValue);
        }
        if (!Pkce.IsWellFormed(challenge[0]))
        {
            return Redirect(redirect, "invalid_request", "code_challenge must be 43 to 128 characters of A-Z a-z 0-9 - . _ ~.", stateValue);
        }

        return (new AuthorizeRequest(client.ClientId, redirect, stateValue, challenge[0]!), null);
    }

    /// <summary>The redirect URI with <paramref name="parameters"/> appended (after "&amp;" if it already has a query).</summary>
    public static string RedirectUrl(string redirectUri, params (string Name, string? Value)[] parameters) =>
        QueryHelpers.AddQueryString(redirectUri,
            parameters.Where(p => p.Value is not null).Select(p => new KeyValuePair<string, string?>(p.Name, p.Value)));

    private static (AuthorizeRequest?, IResult?) Page(string message) => (null, LoginPages.Error(message));

    private static (AuthorizeRequest?, IResult?) Redirect(string redirectUri, string error, string description, string? state) =>
        (null, Results.Redirect(RedirectUrl(redirectUri, ("error", error), ("error_description", description), ("state", state))));
}
