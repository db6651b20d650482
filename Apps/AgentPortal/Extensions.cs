using WhatsAppGenesys.AgentPortal.SignIn;
using WhatsAppGenesys.AgentPortal.Workspace;
using WhatsAppGenesys.Contracts;

namespace WhatsAppGenesys.AgentPortal;

internal static class Extensions
{
    /// <summary>
    /// Sign-in with Genesys (authorization code with PKCE, carried out by the portal service) and the session cookie
    /// that holds the portal service's token: httpOnly, so no script in the page can read it (docs/agents.md).
    /// </summary>
    public static void AddAgentSignIn(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AgentPortalOptions>().BindConfiguration(AgentPortalOptions.SectionName);
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

    /// <summary>The workspace: the tenant's conversations from the portal service, kept live by its hub.</summary>
    public static void AddWorkspaceUi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddHttpClient<ConversationsClient>(http => http.BaseAddress = new($"http://{ServiceNames.PortalService}"))
            .WithUserFacingResilience();
        builder.Services.AddHttpClient<QuickRepliesClient>(http => http.BaseAddress = new($"http://{ServiceNames.PortalService}"))
            .WithUserFacingResilience();
        builder.Services.AddScoped<LiveUpdates>();
    }

    public static void UseWorkspaceUi(this WebApplication app)
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
}
