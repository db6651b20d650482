namespace WhatsAppGenesys.Contracts.Tenancy;

// Decrypted secrets, served only by the tenant service's internal credentials endpoints to the auth service.
// Never log these records: they are plain records only so System.Text.Json can (de)serialise them.

public sealed record WhatsAppCredentials(
    string TenantId,
    string? AccessToken,
    string? AppSecret,
    string? VerifyToken)
{
    // Records print every property in ToString(); secrets must not reach a log line by accident.
    public override string ToString() => $"WhatsAppCredentials {{ TenantId = {TenantId} }}";
}

public sealed record GenesysCredentials(
    string TenantId,
    string RegionDomain,
    string ClientId,
    string? ClientSecret,
    string? WebhookSecret)
{
    public override string ToString() => $"GenesysCredentials {{ TenantId = {TenantId}, RegionDomain = {RegionDomain} }}";
}

public sealed record RcsCredentials(
    string TenantId,
    string AgentId,
    string ClientId,
    string? ClientSecret,
    string? WebhookToken)
{
    public override string ToString() => $"RcsCredentials {{ TenantId = {TenantId}, AgentId = {AgentId} }}";
}

/// <summary>The auth service's answer to GET /auth/token and GET /auth/whatsapp/token.</summary>
public sealed record AccessTokenResponse(string AccessToken, DateTimeOffset ExpiresAt)
{
    public override string ToString() => $"AccessTokenResponse {{ ExpiresAt = {ExpiresAt:O} }}";
}

/// <summary>
/// Body of POST /auth/token/invalidate. With the token the caller saw rejected, only that token is dropped, so a
/// burst of callers that all got 401 on the same token cannot also delete the fresh one the first of them caused.
/// </summary>
public sealed record InvalidateTokenRequest(string? RejectedToken)
{
    public override string ToString() => "InvalidateTokenRequest";
}
