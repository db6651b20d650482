using WhatsAppGenesys.GenesysSandbox.Model;
using WhatsAppGenesys.GenesysSandbox.OpenMessaging;

namespace WhatsAppGenesys.GenesysSandbox.Integrations;

/// <summary>
/// <c>GET /api/v2/conversations/messaging/integrations/openmessaging/{integrationId}</c>: Genesys's OpenIntegration
/// as an organization's OAuth client reads it back (onboarding's "Test connection" proves the id this way). Behind
/// the same bearer-token gate as the Open Messaging endpoints. The webhook's signature secret is write-only at
/// Genesys and never appears.
/// </summary>
public static class IntegrationsApiEndpoints
{
    public static IEndpointRouteBuilder MapIntegrationsApiEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v2/conversations/messaging/integrations/openmessaging/{integrationId}")
            .RequireIntegrationAccess()
            .ExcludeFromDescription()
            .MapGet("", (HttpContext context) => Results.Json(View(GenesysApiAuth.Integration(context)), SandboxJson.Options));
        return app;
    }

    private static object View(Integration integration) => new
    {
        id = integration.Id,
        name = integration.Name,
        outboundNotificationWebhookUrl = integration.WebhookUrl,
        webhookHeaders = integration.WebhookHeaders,
        status = "Active",
        createStatus = "Completed",
        messagingSetting = (object?)null,
        selfUri = $"/api/v2/conversations/messaging/integrations/openmessaging/{integration.Id}",
    };
}
