using System.Diagnostics.Metrics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using WhatsAppGenesys.Clients.Providers;
using WhatsAppGenesys.Contracts.Tenancy;
using WhatsAppGenesys.ServiceDefaults;

namespace WhatsAppGenesys.AuthService.Tokens;

/// <summary>
/// The RCS provider's OAuth 2.0 token endpoint, <c>POST {Rcs:BaseUrl}/oauth2/token</c> with HTTP Basic client
/// authentication: <c>grant_type=client_credentials</c>, or <c>grant_type=refresh_token</c>, which rotates the refresh
/// token (the old one is spent). Failures are <see cref="TokenFailureException"/>s phrased for the caller; a refused
/// refresh token is a <see cref="RefreshTokenRejectedException"/>, so the caller can fall back to the client.
/// </summary>
public sealed class RcsLogin(
    IHttpClientFactory httpClientFactory,
    IOptions<RcsProviderOptions> options,
    IMeterFactory meters,
    ILogger<RcsLogin> logger)
{
    public const string HttpClientName = "rcs-login";

    private readonly Counter<long> _exchanges = meters.Create(Microsoft.Extensions.Hosting.Extensions.MeterName)
        .CreateCounter<long>("auth.rcs.token_exchanges", description: "Token exchanges with the RCS provider, by grant type");

    public Task<RcsTokenGrant> ClientCredentialsAsync(RcsCredentials client, CancellationToken cancellationToken) =>
        ExchangeAsync(client, [new("grant_type", "client_credentials")], cancellationToken);

    public Task<RcsTokenGrant> RefreshAsync(RcsCredentials client, string refreshToken, CancellationToken cancellationToken) =>
        ExchangeAsync(client, [new("grant_type", "refresh_token"), new("refresh_token", refreshToken)], cancellationToken);

    private async Task<RcsTokenGrant> ExchangeAsync(
        RcsCredentials client, KeyValuePair<string, string>[] form, CancellationToken cancellationToken)
    {
        var tenantId = client.TenantId;
        var grantType = form[0].Value;
        if (options.Value.BaseUrl is not { } baseUrl)
        {
            throw new TokenFailureException(StatusCodes.Status409Conflict, "RCS not configured",
                "No RCS provider is configured for this deployment (Rcs:BaseUrl).");
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUrl, "/oauth2/token"))
        {
            Content = new FormUrlEncodedContent(form),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(client.ClientId)}:{Uri.EscapeDataString(client.ClientSecret ?? "")}")));

        HttpResponseMessage response;
        try
        {
            response = await httpClientFactory.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            logger.LogWarning("RCS token endpoint unreachable for tenant {TenantId}: {Reason}", tenantId, ex.GetType().Name);
            throw new TokenFailureException(StatusCodes.Status503ServiceUnavailable, "RCS provider unreachable",
                $"The RCS provider's token endpoint is unreachable for tenant '{tenantId}'.");
        }

        using (response)
        {
            _exchanges.Add(1, TenantTelemetry.Tag(tenantId), new("grant_type", grantType), new("outcome", (int)response.StatusCode));
            if (!response.IsSuccessStatusCode)
            {
                throw await FailureAsync(response, tenantId, grantType, cancellationToken);
            }
            var body = await response.Content.ReadFromJsonAsync<OAuthTokenResponse>(cancellationToken);
            if (body is not { AccessToken.Length: > 0, ExpiresIn: > 0 })
            {
                throw new TokenFailureException(StatusCodes.Status502BadGateway, "RCS token unusable",
                    $"The RCS provider returned a token response without access_token or expires_in for tenant '{tenantId}'.");
            }
            logger.LogInformation("RCS {GrantType} exchange for tenant {TenantId}; token valid {Seconds} s", grantType, tenantId, body.ExpiresIn);
            return new RcsTokenGrant(
                body.AccessToken,
                TimeSpan.FromSeconds(body.ExpiresIn),
                body.RefreshToken is { Length: > 0 } refresh ? refresh : null,
                body.RefreshTokenExpiresIn is > 0 and var seconds ? TimeSpan.FromSeconds(seconds) : null);
        }
    }

    private static async Task<Exception> FailureAsync(
        HttpResponseMessage response, string tenantId, string grantType, CancellationToken cancellationToken)
    {
        var refusal = await OAuthRefusal.ReadAsync(response, cancellationToken);
        if (grantType == "refresh_token" && refusal.ErrorCode == "invalid_grant")
        {
            return new RefreshTokenRejectedException($"The RCS provider refused the refresh token of tenant '{tenantId}' (invalid_grant).");
        }
        return refusal.Kind switch
        {
            OAuthRefusal.Kinds.CredentialsRefused => new TokenFailureException(refusal.FailureStatus, "RCS provider rejected the credentials",
                $"The RCS provider rejected the OAuth client of tenant '{tenantId}' ({refusal.StatusAndCode}). Check the RCS client id and secret."),
            OAuthRefusal.Kinds.Throttled => new TokenFailureException(refusal.FailureStatus, "RCS provider throttled",
                $"The RCS provider is rate-limiting token requests for tenant '{tenantId}'; retry later."),
            _ => new TokenFailureException(refusal.FailureStatus, "RCS provider unavailable",
                $"The RCS provider answered {refusal.Status} to the token request for tenant '{tenantId}'."),
        };
    }

    private sealed record OAuthTokenResponse(
        [property: JsonPropertyName("access_token")] string? AccessToken,
        [property: JsonPropertyName("expires_in")] long ExpiresIn,
        [property: JsonPropertyName("refresh_token")] string? RefreshToken,
        [property: JsonPropertyName("refresh_token_expires_in")] long? RefreshTokenExpiresIn);
}
