using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace WhatsAppGenesys.Clients.Tokens;

/// <summary>
/// The tenant's RCS provider token. The provider answers an unknown, expired or revoked token with 401 and a token
/// it no longer accepts for the agent with 403; both drop the token, regenerate it (the auth service refreshes it)
/// and retry once.
/// </summary>
public sealed class RcsTokenProvider(
    IHttpClientFactory httpClientFactory,
    IOptions<TokenProviderOptions> options,
    TimeProvider time,
    ILogger<RcsTokenProvider> logger)
    : AccessTokenProvider(httpClientFactory, options.Value.AuthServiceBaseAddress, time, logger)
{
    protected override string Provider => "RCS";

    protected override string TokenPath => "auth/rcs/token";

    protected override string InvalidatePath => "auth/rcs/token/invalidate";

    public override bool IsTokenRejection(HttpStatusCode status) =>
        status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden;
}
