using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using WhatsAppGenesys.AuthService.Credentials;
using WhatsAppGenesys.Contracts.Tenancy;
using WhatsAppGenesys.ServiceDefaults;

namespace WhatsAppGenesys.AuthService.Tokens;

/// <summary>
/// The Genesys OAuth client-credentials exchange: <c>POST https://login.{region}/oauth/token</c>,
/// HTTP Basic with the tenant's client id and secret, <c>grant_type=client_credentials</c>. The host comes only from
/// the region allow-list (or the operator's sandbox override).
/// </summary>
public sealed class GenesysTokenSource(
    TenantCredentialsClient credentials,
    IHttpClientFactory httpClientFactory,
    IOptions<GenesysOptions> options,
    TimeProvider time,
    IMeterFactory meters,
    ILogger<GenesysTokenSource> logger) : ITokenSource
{
    public const string HttpClientName = "genesys-login";

    private readonly Counter<long> _exchanges = meters.Create(Microsoft.Extensions.Hosting.Extensions.MeterName)
        .CreateCounter<long>("auth.genesys.token_exchanges", description: "Client-credentials exchanges with Genesys");

    public string CacheKey(string tenantId) => TenancyKeys.GenesysToken(tenantId);

    public async Task<IssuedToken> IssueAsync(string tenantId, CancellationToken cancellationToken)
    {
        var tenant = await credentials.GetGenesysAsync(tenantId, cancellationToken);
        if (string.IsNullOrEmpty(tenant.ClientSecret))
        {
            throw new TokenFailureException(StatusCodes.Status409Conflict, "Not configured",
                $"Tenant '{tenantId}' has no Genesys OAuth client secret configured.");
        }
        if (!GenesysRegions.IsAllowedDomain(tenant.RegionDomain))
        {
            throw new TokenFailureException(StatusCodes.Status409Conflict, "Not configured",
                $"Tenant '{tenantId}' has a Genesys region outside the allow-list.");
        }

        var login = $"login.{tenant.RegionDomain}";
        var baseUri = options.Value.BaseUrlOverride ?? GenesysRegions.LoginBaseUri(tenant.RegionDomain);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUri, "/oauth/token"))
        {
            Content = new FormUrlEncodedContent([new("grant_type", "client_credentials")]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{tenant.ClientId}:{tenant.ClientSecret}")));

        HttpResponseMessage response;
        try
        {
            response = await httpClientFactory.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            logger.LogWarning("Genesys {Login} unreachable for tenant {TenantId}: {Reason}", login, tenantId, ex.GetType().Name);
            throw new TokenFailureException(StatusCodes.Status503ServiceUnavailable, "Genesys unreachable",
                $"The Genesys region {login} is unreachable for tenant '{tenantId}'.");
        }

        using (response)
        {
            _exchanges.Add(1, TenantTelemetry.Tag(tenantId), new("outcome", (int)response.StatusCode));
            if (!response.IsSuccessStatusCode)
            {
                throw await FailureAsync(response, tenantId, login, cancellationToken);
            }
            var body = await response.Content.ReadFromJsonAsync<OAuthTokenResponse>(cancellationToken);
            if (body is not { AccessToken.Length: > 0, ExpiresIn: > 0 })
            {
                throw new TokenFailureException(StatusCodes.Status502BadGateway, "Genesys token unusable",
                    $"Genesys {login} returned a token response without access_token or expires_in for tenant '{tenantId}'.");
            }
            var lifetime = TimeSpan.FromSeconds(body.ExpiresIn);
            logger.LogInformation("Exchanged Genesys client credentials for tenant {TenantId}; token valid {Seconds} s",
                tenantId, body.ExpiresIn);
            return new IssuedToken(body.AccessToken, time.GetUtcNow() + lifetime, TokenLifetime.ServerCacheTtl(lifetime));
        }
    }

    private static async Task<TokenFailureException> FailureAsync(
        HttpResponseMessage response, string tenantId, string login, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        if (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            var error = await ReadErrorCodeAsync(response, cancellationToken);
            return new TokenFailureException(StatusCodes.Status502BadGateway, "Genesys rejected the credentials",
                $"Genesys rejected the OAuth client credentials for tenant '{tenantId}' ({login} answered {status}" +
                (error is null ? ")." : $", {error}).") + " Check the tenant's Genesys client id and secret.");
        }
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            return new TokenFailureException(StatusCodes.Status503ServiceUnavailable, "Genesys throttled",
                $"Genesys {login} is rate-limiting token requests for tenant '{tenantId}'; retry later.");
        }
        return new TokenFailureException(StatusCodes.Status503ServiceUnavailable, "Genesys unavailable",
            $"Genesys {login} answered {status} to the token request for tenant '{tenantId}'.");
    }

    // Only the OAuth error code ("invalid_client"): short, useful, and never echoes what we sent.
    private static async Task<string?> ReadErrorCodeAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var error = await response.Content.ReadFromJsonAsync<OAuthError>(cancellationToken);
            return error?.Error is { Length: > 0 and <= 64 } code && code.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-')
                ? code
                : null;
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or NotSupportedException)
        {
            return null;
        }
    }

    private sealed record OAuthTokenResponse(
        [property: JsonPropertyName("access_token")] string? AccessToken,
        [property: JsonPropertyName("token_type")] string? TokenType,
        [property: JsonPropertyName("expires_in")] long ExpiresIn);

    private sealed record OAuthError([property: JsonPropertyName("error")] string? Error);
}
