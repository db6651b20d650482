using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace WhatsAppGenesys.Clients.Tokens;

/// <summary>Genesys Cloud client-credentials tokens per tenant. Genesys signals a bad token with 401.</summary>
public sealed class GenesysTokenProvider(
    IHttpClientFactory httpClientFactory,
    IOptions<TokenProviderOptions> options,
    TimeProvider time,
    ILogger<GenesysTokenProvider> logger)
    : AccessTokenProvider(httpClientFactory, options.Value.AuthServiceBaseAddress, time, logger)
{
    protected override string Provider => "Genesys";

    protected override string TokenPath => "auth/token";

    protected override string InvalidatePath => "auth/token/invalidate";

    public override bool IsTokenRejection(HttpStatusCode status) => status == HttpStatusCode.Unauthorized;
}
