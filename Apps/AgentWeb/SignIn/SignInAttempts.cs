using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace WhatsAppGenesys.AgentWeb.SignIn;

/// <summary>What a sign-in started in this browser needs when Genesys sends it back.</summary>
public sealed record SignInAttempt(string Workspace, string State, string CodeVerifier, string ReturnUrl, DateTimeOffset StartedAt);

/// <summary>
/// Keeps a sign-in attempt in an encrypted, httpOnly cookie scoped to /signin for ten minutes: the browser carries it,
/// so the server keeps no state, and the verifier is readable by no script and no other site. It must come along on
/// Genesys's redirect back to us, which the app's <see cref="AgentCookiePolicy"/> allows (Lax for a top-level page,
/// None inside Genesys's frame). (More than one replica of an app would have to share its Data Protection key ring to
/// read each other's cookies; each runs one.)
/// </summary>
public sealed class SignInAttempts(IDataProtectionProvider protection, TimeProvider time, AgentCookiePolicy policy)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);
    private const string CookiePath = "/signin";

    private readonly IDataProtector _protector = protection.CreateProtector("WhatsAppGenesys.AgentWeb.SignInAttempt");

    public void Save(HttpResponse response, SignInAttempt attempt) =>
        response.Cookies.Append(policy.SignInCookie, _protector.Protect(JsonSerializer.Serialize(attempt)), policy.Options(CookiePath, maxAge: Lifetime));

    /// <summary>The attempt this browser started, if it is still fresh; it is consumed either way.</summary>
    public SignInAttempt? Take(HttpRequest request, HttpResponse response)
    {
        if (!request.Cookies.TryGetValue(policy.SignInCookie, out var protectedValue))
        {
            return null;
        }
        response.Cookies.Delete(policy.SignInCookie, policy.Options(CookiePath));
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
