namespace WhatsAppGenesys.Contracts.Agents;

// Agents sign in with their Genesys Cloud identity: the OAuth authorization-code grant with PKCE against the
// tenant's Genesys region, then GET /api/v2/users/me. The auth service speaks to Genesys; the portal service keeps
// the agents and their sessions (docs/agents.md).

/// <summary>Body of POST /auth/agents/authorize: where to send the browser to sign in to Genesys.</summary>
/// <param name="CodeChallenge">BASE64URL(SHA-256(code verifier)); the verifier itself stays with the caller.</param>
public sealed record AgentAuthorizeRequest(string TenantId, string RedirectUri, string State, string CodeChallenge);

/// <summary>The Genesys authorize URL of the tenant's region, with our login client, the challenge and the state.</summary>
public sealed record AgentAuthorizeResponse(string AuthorizeUrl);

/// <summary>Body of POST /auth/agents/sign-in: the code Genesys redirected back with, and the PKCE verifier.</summary>
public sealed record AgentSignInRequest(string TenantId, string Code, string RedirectUri, string CodeVerifier)
{
    // The code and the verifier are one-time credentials: keep them out of logs.
    public override string ToString() => $"AgentSignInRequest {{ TenantId = {TenantId} }}";
}

/// <summary>
/// A Genesys user as the product sees them: who they are, in which organization, with which Genesys roles, and
/// whether Genesys still has them active.
/// </summary>
public sealed record GenesysAgent(
    string UserId,
    string Name,
    string? Email,
    string OrganizationId,
    IReadOnlyList<string> Roles,
    bool Active);

/// <summary>An agent as the portal knows them.</summary>
public sealed record AgentProfile(
    Guid Id,
    string TenantId,
    string GenesysUserId,
    string Name,
    string? Email,
    string Role);

/// <summary>The answer to a sign-in: the session token (HS256 JWT), its expiry, and who it is for.</summary>
public sealed record AgentSessionResponse(string Token, DateTimeOffset ExpiresAt, AgentProfile Agent)
{
    public override string ToString() => $"AgentSessionResponse {{ Agent = {Agent.Id}, ExpiresAt = {ExpiresAt:O} }}";
}

/// <summary>What one role sync did: how many agents it checked and how many lost access.</summary>
public sealed record AgentRoleSyncResult(int Checked, int Deactivated, int Failed);
