namespace WhatsAppGenesys.Contracts;

/// <summary>
/// The names every process agrees on: the AppHost registers resources under them, services read
/// <c>ConnectionStrings:&lt;name&gt;</c> and resolve <c>http://&lt;service&gt;</c> with them.
/// </summary>
public static class ResourceNames
{
    public const string Postgres = "postgres";
    public const string TenantDatabase = "tenantdb";
    public const string StateDatabase = "statedb";
    public const string WhatsAppDatabase = "whatsappdb";
    public const string PortalDatabase = "portaldb";
    public const string AdminDatabase = "admindb";
    public const string AlertDatabase = "alertdb";
    public const string RcsDatabase = "rcsdb";
    public const string Redis = "redis";
    public const string RabbitMQ = "rabbitmq";
    public const string ObjectStorage = "minio";
}

public static class ServiceNames
{
    public const string ApiGateway = "api-gateway";
    public const string InboundTransformer = "inbound-transformer";
    public const string OutboundTransformer = "outbound-transformer";
    public const string AuthService = "auth-service";
    public const string StateManager = "state-manager";
    public const string TenantService = "tenant-service";
    public const string WhatsAppApi = "whatsapp-api";
    public const string RcsApi = "rcs-api";
    public const string WhatsAppWebhook = "whatsapp-webhook";
    public const string GenesysApi = "genesys-api";
    public const string GenesysWebhook = "genesys-webhook";
    public const string PortalService = "portal-service";
    public const string AdminDashboard = "admin-dashboard";
    public const string AgentPortal = "agent-portal";
    public const string AgentWidget = "agent-widget";
    public const string AlertService = "alert-service";
    public const string MetaSandbox = "meta-sandbox";
    public const string GenesysSandbox = "genesys-sandbox";
    public const string RcsSandbox = "rcs-sandbox";
}

/// <summary>S3 buckets and their key patterns.</summary>
public static class Buckets
{
    /// <summary>Raw Meta webhooks: <c>{tenantId}/{yyyy-MM-dd}/{timestamp}-{messageId}.json</c>.</summary>
    public const string WebhooksInbound = "webhooks-inbound";

    /// <summary>Raw Genesys webhooks, same key pattern.</summary>
    public const string WebhooksGenesys = "webhooks-genesys";

    /// <summary>Media from customers: <c>{tenantId}/{mediaType}/{yyyy-MM-dd}/{messageId}.{ext}</c>.</summary>
    public const string MediaInbound = "media-inbound";

    /// <summary>Media from agents: <c>{tenantId}/{mediaType}/{yyyy-MM-dd}/{uuid}.{ext}</c>.</summary>
    public const string MediaOutbound = "media-outbound";
}
