using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace WhatsAppGenesys.AgentPortal.SignIn;

/// <summary>What a sign-in started in this browser needs when Genesys sends it back.</summary>
public sealed record SignInAttempt(string Workspace, string State, string CodeVerifier, string ReturnUrl, DateTimeOffset StartedAt);

/// <summary>
/// Keeps a sign-in attempt in an encrypted, httpOnly cookie scoped to /signin for ten minutes: the browser carries it,
/// so the server keeps no state, and the verifier is readable by no script and no other site. (More than one replica
/// of the portal would have to share its Data Protection key ring to read each other's cookies; it runs one.)
/// </summary>
public sealed class SignInAttempts(IDataProtectionProvider protection, TimeProvider time)
{
    public const string CookieName = "wag-agent-signin";
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private readonly IDataProtector _protector = protection.CreateProtector("WhatsAppGenesys.AgentPortal.SignInAttempt");

    public void Save(HttpResponse response, SignInAttempt attempt) =>
        response.Cookies.Append(CookieName, _protector.Protect(JsonSerializer.Serialize(attempt)), new CookieOptions
        {
            HttpOnly = true,
            Secure = true,
            // Lax: the cookie must come along on Genesys's top-level redirect back to us.
            SameSite = SameSiteMode.Lax,
            Path = "/signin",
            MaxAge = Lifetime,
            IsEssential = true,
        });

    /// <summary>The attempt this browser started, if it is still fresh; it is consumed either way.</summary>
    public SignInAttempt? Take(HttpRequest request, HttpResponse response)
    {
        if (!request.Cookies.TryGetValue(CookieName, out var protectedValue))
        {
            return null;
        }
        response.Cookies.Delete(CookieName, new CookieOptions { Path = "/signin", Secure = true, HttpOnly = true, SameSite = SameSiteMode.Lax });
        try
        {
            var attempt = JsonSerializer.Deserialize<SignInAttempt>(_protector.Unprotect(protectedValue));
            return attempt is not null && time.GetUtcNow() - attempt.StartedAt <= Lifetime ? attempt : null;
        }
        catch (Exception ex) when (ex is System.Security.Cryptography.CryptographicException or JsonException)
        {
            return null;
        }
    }
}
