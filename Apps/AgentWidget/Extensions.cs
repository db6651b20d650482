using WhatsAppGenesys.AgentWeb;
using WhatsAppGenesys.AgentWidget.Customer;
using WhatsAppGenesys.AgentWidget.Framing;
using WhatsAppGenesys.Contracts;

namespace WhatsAppGenesys.AgentWidget;

internal static class Extensions
{
    /// <summary>The widget's page: the customer of a Genesys conversation, from the portal service, and template sends.</summary>
    public static void AddWidgetUi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.AddAgentConversations();
        builder.Services.AddHttpClient<WidgetClient>(http => http.BaseAddress = new($"http://{ServiceNames.PortalService}"))
            .WithUserFacingResilience();
        builder.Services.AddHttpClient<GenesysFrameOrigins>(http => http.BaseAddress = new($"http://{ServiceNames.PortalService}"))
            .WithUserFacingResilience();
    }

    /// <summary>Every response says which Genesys origin may frame it (Content-Security-Policy: frame-ancestors).</summary>
    public static void UseGenesysFramePolicy(this WebApplication app) => app.UseMiddleware<GenesysFramePolicy>();
}
