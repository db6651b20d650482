using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace WhatsAppGenesys.PortalService.Agents;

/// <summary>
/// Agent session tokens: HS256-signed JWTs naming the agent, their tenant and role, with an id (jti) so that
/// signing out can revoke one before it expires. The agent portal keeps the token in an httpOnly cookie and presents
/// it as a bearer token; the browser's scripts never see it (docs/agents.md).
/// </summary>
public sealed class AgentSessionTokens(IOptions<AgentSessionOptions> options, TimeProvider time)
{
    public const string TenantClaim = "tid";
    public const string RoleClaim = "role";

    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    public IssuedAgentSession Issue(AgentUser agent)
    {
        var now = time.GetUtcNow();
        var expires = now + options.Value.Lifetime;
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = AgentSessionOptions.Issuer,
            Audience = AgentSessionOptions.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            Subject = new ClaimsIdentity(
            [
                new Claim(JwtRegisteredClaimNames.Sub, agent.Id.ToString()),
                new Claim(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString("N")),
                new Claim(TenantClaim, agent.TenantId),
                new Claim(RoleClaim, agent.Role),
                new Claim(JwtRegisteredClaimNames.Name, agent.Name),
            ]),
            SigningCredentials = new SigningCredentials(SigningKey(options.Value), SecurityAlgorithms.HmacSha256),
        });
        return new IssuedAgentSession(token, expires);
    }

    /// <summary>How the portal service checks a presented token (signature, issuer, audience, lifetime).</summary>
    public static TokenValidationParameters ValidationParameters(AgentSessionOptions options) => new()
    {
        ValidIssuer = AgentSessionOptions.Issuer,
        ValidAudience = AgentSessionOptions.Audience,
        IssuerSigningKey = SigningKey(options),
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        ClockSkew = TimeSpan.FromSeconds(30),
        NameClaimType = JwtRegisteredClaimNames.Name,
        RoleClaimType = RoleClaim,
    };

    private static SymmetricSecurityKey SigningKey(AgentSessionOptions options)
    {
        var key = string.IsNullOrEmpty(options.SigningKey) ? [] : Convert.FromBase64String(options.SigningKey);
        return key.Length >= 32
            ? new SymmetricSecurityKey(key)
            : throw new InvalidOperationException(
                $"{AgentSessionOptions.SectionName}:{nameof(AgentSessionOptions.SigningKey)} must be base64 of at least 32 bytes.");
    }
}

/// <summary>A session token and when it expires.</summary>
public sealed record IssuedAgentSession(string Token, DateTimeOffset ExpiresAt)
{
    public override string ToString() => $"IssuedAgentSession {{ ExpiresAt = {ExpiresAt:O} }}";
}
