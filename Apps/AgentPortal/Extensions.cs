using WhatsAppGenesys.AgentPortal.Workspace;
using WhatsAppGenesys.AgentWeb;
using WhatsAppGenesys.Contracts;

namespace WhatsAppGenesys.AgentPortal;

internal static class Extensions
{
    /// <summary>The workspace: the tenant's conversations from the portal service, kept live by its hub.</summary>
    public static void AddWorkspaceUi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.AddAgentConversations();
        builder.Services.AddHttpClient<QuickRepliesClient>(http => http.BaseAddress = new($"http://{ServiceNames.PortalService}"))
            .WithUserFacingResilience();
        builder.Services.AddScoped<LiveUpdates>();
    }
}
