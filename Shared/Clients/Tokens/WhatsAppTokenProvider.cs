using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace WhatsAppGenesys.Clients.Tokens;

/// <summary>
/// The tenant's Meta system-user token. Meta answers an invalid or expired token with 401 (OAuthException code 190);
/// the design also regenerates on 403 (docs/tenancy.md), so both trigger one regeneration and retry.
/// </summary>
public sealed class WhatsAppTokenProvider(
    IHttpClientFactory httpClientFactory,
    IOptions<TokenProviderOptions> options,
    TimeProvider time,
    ILogger<WhatsAppTokenProvider> logger)
    : AccessTokenProvider(httpClientFactory, options.Value.AuthServiceBaseAddress, time, logger)
{
    protected override string Provider => "WhatsApp";

    protected override string TokenPath => "auth/whatsapp/token";

    protected override string InvalidatePath => "auth/whatsapp/token/invalidate";

    public override bool IsTokenRejection(HttpStatusCode status) =>
        status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden;
}
