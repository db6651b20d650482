using WhatsAppGenesys.AgentWeb.Conversations;
using WhatsAppGenesys.AgentWeb.SignIn;
using WhatsAppGenesys.Contracts;

namespace WhatsAppGenesys.AgentWeb;

public static class AgentWebExtensions
{
    /// <summary>
    /// Sign-in with Genesys (authorization code with PKCE, carried out by the portal service) and the session cookie
    /// that holds the portal service's token: httpOnly, so no script in the page can read it (docs/agents.md). The
    /// cookie policy is the app's: a site of its own, or a page framed by Genesys.
    /// </summary>
    public static void AddAgentSignIn(this IHostApplicationBuilder builder, AgentCookiePolicy cookies)
    {
        builder.Services.AddOptions<AgentSignInOptions>().BindConfiguration(AgentSignInOptions.SectionName);
        builder.Services.AddSingleton(cookies);
        builder.Services.AddSingleton<AgentSessionCookie>();
        builder.Services.AddHttpClient<PortalServiceClient>(http => http.BaseAddress = new($"http://{ServiceNames.PortalService}"))
            .WithUserFacingResilience();
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<SignInAttempts>();
        builder.Services.AddAuthentication(AgentSessionHandler.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, AgentSessionHandler>(AgentSessionHandler.SchemeName, null);
        builder.Services.AddAuthorization();
        builder.Services.AddCascadingAuthenticationState();
    }

    /// <summary>
    /// The request pipeline of an agent app's pages: friendly error and not-found pages, static assets, the session,
    /// antiforgery. (Every page's Blazor components come after it.)
    /// </summary>
    public static void UseAgentPages(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
            app.UseHsts();
        }
        app.UseStatusCodePagesWithReExecute("/not-found");
        app.MapStaticAssets();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
    }

    /// <summary>
    /// The portal service's conversation routes, called server-side with the agent's session token. A file or a
    /// template goes from there to WhatsApp before the answer comes, which on a busy system took more than the standard
    /// 10 s: the agent sees "Sending…" for up to 30 s rather than a refusal for a message that went out.
    /// </summary>
    public static void AddAgentConversations(this IHostApplicationBuilder builder) =>
        builder.Services.AddHttpClient<ConversationsClient>(http => http.BaseAddress = new($"http://{ServiceNames.PortalService}"))
            .WithUserFacingResilience(attemptTimeout: TimeSpan.FromSeconds(30));
}
