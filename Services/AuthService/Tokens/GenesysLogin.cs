using System.Diagnostics.Metrics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using WhatsAppGenesys.Contracts.Tenancy;
using WhatsAppGenesys.ServiceDefaults;

namespace WhatsAppGenesys.AuthService.Tokens;

/// <summary>A Genesys OAuth client: its region (a domain from the allow-list), id and secret.</summary>
public sealed record GenesysClient(string RegionDomain, string ClientId, string ClientSecret)
{
    public override string ToString() => $"GenesysClient {{ RegionDomain = {RegionDomain}, ClientId = {ClientId} }}";
}

/// <summary>An access token, how long Genesys says it lives, and so when it expires.</summary>
public sealed record GenesysAccessToken(string AccessToken, TimeSpan Lifetime, DateTimeOffset ExpiresAt);

/// <summary>
/// The Genesys OAuth client-credentials exchange: <c>POST https://login.{region}/oauth/token</c>, HTTP Basic with
/// the client id and secret, <c>grant_type=client_credentials</c>. The host comes only from the region allow-list
/// (or the operator's sandbox override). Failures are <see cref="TokenFailureException"/>s phrased for the caller.
/// </summary>
public sealed class GenesysLogin(
    IHttpClientFactory httpClientFactory,
    IOptions<GenesysOptions> options,
    TimeProvider time,
    IMeterFactory meters,
    ILogger<GenesysLogin> logger)
{
    public const string HttpClientName = "genesys-login";

    private readonly Counter<long> _exchanges = meters.Create(Microsoft.Extensions.Hosting.Extensions.MeterName)
        .CreateCounter<long>("auth.genesys.token_exchanges", description: "Client-credentials exchanges with Genesys");

    /// <summary>The API host for a region: where a token obtained here is used.</summary>
    public Uri ApiBaseUri(string regionDomain) => options.Value.BaseUrlOverride ?? GenesysRegions.ApiBaseUri(regionDomain);

    /// <param name="tenantId">The tenant the client belongs to, for messages and metrics; null for a client being tried out.</param>
    public async Task<GenesysAccessToken> ExchangeAsync(GenesysClient client, string? tenantId, CancellationToken cancellationToken)
    {
        // Messages name the tenant when there is one: "… for tenant 'acme' …".
        var forWhom = tenantId is null ? "" : $" for tenant '{tenantId}'";
        var login = $"login.{client.RegionDomain}";
        var baseUri = options.Value.BaseUrlOverride ?? GenesysRegions.LoginBaseUri(client.RegionDomain);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUri, "/oauth/token"))
        {
            Content = new FormUrlEncodedContent([new("grant_type", "client_credentials")]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{client.ClientId}:{client.ClientSecret}")));

        HttpResponseMessage response;
        try
        {
            response = await httpClientFactory.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            logger.LogWarning("Genesys {Login} unreachable{ForWhom}: {Reason}", login, forWhom, ex.GetType().Name);
            throw new TokenFailureException(StatusCodes.Status503ServiceUnavailable, "Genesys unreachable",
                $"The Genesys region {login} is unreachable{forWhom}.");
        }

        using (response)
        {
            if (tenantId is not null)
            {
                _exchanges.Add(1, TenantTelemetry.Tag(tenantId), new("outcome", (int)response.StatusCode));
            }
            if (!response.IsSuccessStatusCode)
            {
                throw await FailureAsync(response, forWhom, login, cancellationToken);
            }
            var body = await response.Content.ReadFromJsonAsync<OAuthTokenResponse>(cancellationToken);
            if (body is not { AccessToken.Length: > 0, ExpiresIn: > 0 })
            {
                throw new TokenFailureException(StatusCodes.Status502BadGateway, "Genesys token unusable",
                    $"Genesys {login} returned a token response without access_token or expires_in{forWhom}.");
            }
            logger.LogInformation("Exchanged Genesys client credentials{ForWhom}; token valid {Seconds} s", forWhom, body.ExpiresIn);
            var lifetime = TimeSpan.FromSeconds(body.ExpiresIn);
            return new GenesysAccessToken(body.AccessToken, lifetime, time.GetUtcNow() + lifetime);
        }
    }

    private static async Task<TokenFailureException> FailureAsync(
        HttpResponseMessage response, string forWhom, string login, CancellationToken cancellationToken)
    {
        var refusal = await OAuthRefusal.ReadAsync(response, cancellationToken);
        return refusal.Kind switch
        {
            OAuthRefusal.Kinds.CredentialsRefused => new TokenFailureException(refusal.FailureStatus, "Genesys rejected the credentials",
                $"Genesys rejected the OAuth client credentials{forWhom} ({login} answered {refusal.StatusAndCode}). Check the Genesys client id and secret."),
            OAuthRefusal.Kinds.Throttled => new TokenFailureException(refusal.FailureStatus, "Genesys throttled",
                $"Genesys {login} is rate-limiting token requests{forWhom}; retry later."),
            _ => new TokenFailureException(refusal.FailureStatus, "Genesys unavailable",
                $"Genesys {login} answered {refusal.Status} to the token request{forWhom}."),
        };
    }

    private sealed record OAuthTokenResponse(
        [property: JsonPropertyName("access_token")] string? AccessToken,
        [property: JsonPropertyName("token_type")] string? TokenType,
        [property: JsonPropertyName("expires_in")] long ExpiresIn);
}
