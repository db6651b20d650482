using WhatsAppGenesys.Contracts;
using WhatsAppGenesys.Contracts.Events;

namespace WhatsAppGenesys.ApiGateway.Routing;

/// <summary>
/// Everything reachable from outside. Anything not listed — the services' <c>/internal</c>, <c>/state</c>, <c>/auth</c>,
/// <c>/genesys</c> and internal send APIs — has no route and is a 404 at the gateway, whatever key is presented.
/// </summary>
public static class GatewayRoutes
{
    public static IReadOnlyList<GatewayRoute> All { get; } =
    [
        // Providers: one public host for Meta (either webhook path), Genesys and the RCS provider (the RBM agent's webhook).
        new("whatsapp-webhook", "/webhook/whatsapp/{**rest}", ServiceNames.WhatsAppWebhook, RouteAccess.Provider),
        new("meta-webhook", "/webhook/meta/{**rest}", ServiceNames.WhatsAppWebhook, RouteAccess.Provider),
        new("genesys-webhook", "/webhook/genesys/{**rest}", ServiceNames.GenesysWebhook, RouteAccess.Provider),
        new("rcs-webhook", "/webhook/rcs/{**rest}", ServiceNames.RcsApi, RouteAccess.Provider),

        // Tenant API: the tenant service checks the key again itself (defence in depth), so the key goes along.
        new("tenants-create", "/api/tenants", ServiceNames.TenantService, RouteAccess.Operator, ForwardApiKey: true, Methods: ["POST"]),
        new("tenants-list", "/api/tenants", ServiceNames.TenantService, RouteAccess.AnyCaller, ForwardApiKey: true, Methods: ["GET", "HEAD"]),
        new("tenant", "/api/tenants/{tenantId}/{**rest}", ServiceNames.TenantService, RouteAccess.TenantInPath, ForwardApiKey: true),
        new("tenant-admin", "/api/admin/{**rest}", ServiceNames.TenantService, RouteAccess.Operator, ForwardApiKey: true),
        // Onboarding's "Test connection": a Genesys OAuth client tried before it is saved (the exchange lives in auth-service).
        new("genesys-connection-test", "/api/admin/genesys/connection-test", ServiceNames.AuthService, RouteAccess.Operator, Methods: ["POST"]),
        // Onboarding's Embedded Signup: the code from Meta's popup exchanged and the number registered (whatsapp-api talks to Meta).
        new("whatsapp-embedded-signup", "/api/admin/whatsapp/embedded-signup", ServiceNames.WhatsAppApi, RouteAccess.Operator, Methods: ["POST"]),

        // The public send API (POST /api/v1/whatsapp/sendmessage) and message status, for the calling tenant.
        new("whatsapp-send", "/api/v1/whatsapp/{**rest}", ServiceNames.WhatsAppApi, RouteAccess.Tenant, ForwardTenantId: true),
        new("messages", "/api/v1/messages/{**rest}", ServiceNames.WhatsAppApi, RouteAccess.Tenant, ForwardTenantId: true),
        // The RCS send API (POST /api/v1/conv/RCS/sendmessage), its message status and capability check.
        new("rcs-send", "/api/v1/conv/RCS/{**rest}", ServiceNames.RcsApi, RouteAccess.Tenant, ForwardTenantId: true),

        // Conversation controls (ending a customer's conversation), for the calling tenant's Genesys organisation.
        new("conversations", "/api/v1/conversations/{**rest}", ServiceNames.GenesysApi, RouteAccess.Tenant, ForwardTenantId: true, Methods: ["POST"]),

        // The business console's backend (portal-service), for the calling tenant.
        new("portal", "/api/v1/portal/{**rest}", ServiceNames.PortalService, RouteAccess.Tenant, ForwardTenantId: true),
        // Contact imports: CSV files streamed through to the service, larger than any other request.
        new("portal-contacts-import", "/api/v1/portal/contacts/import", ServiceNames.PortalService, RouteAccess.Tenant, ForwardTenantId: true,
            Methods: ["POST"], Upload: true),

        // Operators: dead letters and errors of each pipeline, listed and replayed at the service that consumes it.
        new("whatsapp-archive-admin", "/admin/webhooks/whatsapp/{**rest}", ServiceNames.WhatsAppWebhook, RouteAccess.Operator),
        new("genesys-archive-admin", "/admin/webhooks/genesys/{**rest}", ServiceNames.GenesysWebhook, RouteAccess.Operator),
        new("rcs-archive-admin", "/admin/webhooks/rcs/{**rest}", ServiceNames.RcsApi, RouteAccess.Operator),
        new("inbound-rcs-pipeline-admin", $"/admin/pipelines/{Pipelines.InboundRcs}/{{**rest}}", ServiceNames.InboundTransformer, RouteAccess.Operator),
        new("inbound-pipeline-admin", $"/admin/pipelines/{Pipelines.Inbound}/{{**rest}}", ServiceNames.InboundTransformer, RouteAccess.Operator),
        new("outbound-pipeline-admin", $"/admin/pipelines/{Pipelines.Outbound}/{{**rest}}", ServiceNames.OutboundTransformer, RouteAccess.Operator),
        new("history-pipeline-admin", $"/admin/pipelines/{Pipelines.History}/{{**rest}}", ServiceNames.PortalService, RouteAccess.Operator),
        new("tenant-analytics-admin", "/admin/tenants/{tenantId}/analytics", ServiceNames.PortalService, RouteAccess.Operator, Methods: ["GET"]),
        new("tenant-token-errors-admin", "/admin/tenants/{tenantId}/token-errors", ServiceNames.AuthService, RouteAccess.Operator, Methods: ["GET"]),
        // Alerting: every alert and the operators' subscriptions; a tenant's own alerts and subscriptions (docs/alerting.md).
        new("alerts-admin", "/admin/alerts/{**rest}", ServiceNames.AlertService, RouteAccess.Operator),
        new("alerts", "/api/v1/alerts/{**rest}", ServiceNames.AlertService, RouteAccess.Tenant, ForwardTenantId: true),
        new("template-status-pipeline-admin", $"/admin/pipelines/{Pipelines.TemplateStatus}/{{**rest}}", ServiceNames.PortalService, RouteAccess.Operator),
    ];

    /// <summary>The services behind the public routes, in route order.</summary>
    public static IEnumerable<string> Services => All.Select(r => r.Service).Distinct();

    public static GatewayRoute? Find(string routeId) => All.FirstOrDefault(r => r.Id == routeId);
}
