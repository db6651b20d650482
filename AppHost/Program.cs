using Microsoft.Extensions.Configuration;
using WhatsAppGenesys.AppHost.Infrastructure;
using WhatsAppGenesys.Contracts;

var builder = DistributedApplication.CreateBuilder(args);

// Infrastructure: local processes on 127.0.0.1 with their data under .apphost/data in run mode, Aspire's container
// integrations in the published manifest, or the servers named by ConnectionStrings:<name> (Infrastructure/).
var postgres = builder.AddPostgresServer(ResourceNames.Postgres, port: 55432);
var tenantDb = postgres.AddDatabase(ResourceNames.TenantDatabase);
var stateDb = postgres.AddDatabase(ResourceNames.StateDatabase);
var whatsappDb = postgres.AddDatabase(ResourceNames.WhatsAppDatabase);
var portalDb = postgres.AddDatabase(ResourceNames.PortalDatabase);
var adminDb = postgres.AddDatabase(ResourceNames.AdminDatabase);
var alertDb = postgres.AddDatabase(ResourceNames.AlertDatabase);
var rcsDb = postgres.AddDatabase(ResourceNames.RcsDatabase);
var redis = builder.AddRedisServer(ResourceNames.Redis, port: 56379);
var rabbitmq = builder.AddRabbitMQServer(ResourceNames.RabbitMQ, port: 55672);
// s3rver locally, MinIO when published; the services speak plain S3 to either.
var minio = builder.AddS3Server(ResourceNames.ObjectStorage, port: 59000);

// Secrets: Parameters:<name> from configuration, else generated on the first run and kept with the data they protect.
var tenantAdminApiKey = builder.AddSecret("tenant-admin-api-key", bytes: 24);
// AES-256 keys: base64 of exactly 32 bytes, so a deployment supplies them (docs/deploy.md) rather than generating them.
var tenantEncryptionKey = builder.AddSecret("tenant-encryption-key", bytes: 32, generatedOnDeploy: false);
// The next key, provisioned ahead so rotation (docs/tenancy.md) is a config switch plus `rotate-keys`, not a redeploy.
var tenantEncryptionKeyNext = builder.AddSecret("tenant-encryption-key-next", bytes: 32, generatedOnDeploy: false);
// The HS256 key of agent session tokens, known only to the portal service that issues and checks them.
var agentSessionKey = builder.AddSecret("agent-session-key", bytes: 32);
// Alert webhook subscriptions' signing secrets at rest (AES-256), a key of their own.
var alertEncryptionKey = builder.AddSecret("alert-encryption-key", bytes: 32, generatedOnDeploy: false);

// Core services: tenants and credentials first, everyone else depends on them. Two replicas each, because every
// message resolves a tenant and a token, and a cache invalidation must reach every replica.
var tenantService = builder.AddService<Projects.TenantService>(ServiceNames.TenantService, port: 3007)
    .WithReplicas(2)
    .WithReference(tenantDb).WaitFor(tenantDb)
    .WithReference(redis).WaitFor(redis)
    .WithEnvironment("TenantService__AdminApiKey", tenantAdminApiKey)
    .WithEnvironment("TenantService__Encryption__ActiveKeyId", "k1")
    .WithEnvironment("TenantService__Encryption__Keys__k1", tenantEncryptionKey)
    .WithEnvironment("TenantService__Encryption__Keys__k2", tenantEncryptionKeyNext);

var authService = builder.AddService<Projects.AuthService>(ServiceNames.AuthService, port: 3004)
    .WithReplicas(2)
    .WithReference(redis).WaitFor(redis)
    .WithReference(tenantService).WaitFor(tenantService);

var stateManager = builder.AddService<Projects.StateManager>(ServiceNames.StateManager, port: 3005)
    .WithReference(stateDb).WaitFor(stateDb)
    .WithReference(redis).WaitFor(redis);

// Outbound API clients: the only services that talk to Meta and Genesys.
var whatsappApi = builder.AddService<Projects.WhatsAppApi>(ServiceNames.WhatsAppApi, port: 3008)
    .WithReference(whatsappDb).WaitFor(whatsappDb)
    .WithReference(redis).WaitFor(redis)
    .WithReference(authService).WaitFor(authService)
    .WithReference(tenantService).WaitFor(tenantService)
    // The direct send API opens a ledger row per message, so Meta's statuses have somewhere to land.
    .WithReference(stateManager).WaitFor(stateManager);

// The RCS channel's service (docs/rcs.md): the send API, as the tenant's RBM agent with a token from auth-service,
// and the provider's webhook, which archives and queues what users do for the inbound transformer.
var rcsApi = builder.AddService<Projects.RcsApi>(ServiceNames.RcsApi, port: 3013)
    .WithReference(rcsDb).WaitFor(rcsDb)
    .WithMessaging(redis, rabbitmq, minio)
    .WithReference(authService).WaitFor(authService)
    .WithReference(tenantService).WaitFor(tenantService);

var genesysApi = builder.AddService<Projects.GenesysApi>(ServiceNames.GenesysApi, port: 3010)
    .WithReference(redis).WaitFor(redis)
    .WithReference(authService).WaitFor(authService)
    .WithReference(tenantService).WaitFor(tenantService);

// Message flow: webhooks receive, transformers map and forward.
var whatsappWebhook = builder.AddService<Projects.WhatsAppWebhook>(ServiceNames.WhatsAppWebhook, port: 3009)
    .WithMessaging(redis, rabbitmq, minio)
    .WithReference(tenantService).WaitFor(tenantService);

var genesysWebhook = builder.AddService<Projects.GenesysWebhook>(ServiceNames.GenesysWebhook, port: 3011)
    .WithMessaging(redis, rabbitmq, minio)
    .WithReference(tenantService).WaitFor(tenantService);

// Transformers: one replica each by default (throughput comes from the per-customer lanes inside one process); more
// only for availability (AppHost:InboundTransformerReplicas, AppHost:OutboundTransformerReplicas): single active
// consumer gives each partition to one replica at a time, the others stand by (docs/messaging.md).
var inboundTransformer = builder.AddService<Projects.InboundTransformer>(ServiceNames.InboundTransformer, port: 3002)
    .WithReplicas(builder.Configuration.GetValue("AppHost:InboundTransformerReplicas", 1))
    .WithMessaging(redis, rabbitmq, minio)
    .WithReference(authService).WaitFor(authService)
    .WithReference(stateManager).WaitFor(stateManager)
    .WithReference(genesysApi).WaitFor(genesysApi)
    .WithReference(whatsappApi).WaitFor(whatsappApi)
    .WithReference(tenantService).WaitFor(tenantService);

var outboundTransformer = builder.AddService<Projects.OutboundTransformer>(ServiceNames.OutboundTransformer, port: 3003)
    .WithReplicas(builder.Configuration.GetValue("AppHost:OutboundTransformerReplicas", 1))
    .WithMessaging(redis, rabbitmq, minio)
    // A Genesys token for attachment downloads that are not presigned after all.
    .WithReference(authService).WaitFor(authService)
    .WithReference(stateManager).WaitFor(stateManager)
    .WithReference(whatsappApi).WaitFor(whatsappApi)
    // Agents' replies to RCS customers (docs/rcs.md).
    .WithReference(rcsApi).WaitFor(rcsApi)
    .WithReference(genesysApi).WaitFor(genesysApi)
    .WithReference(tenantService).WaitFor(tenantService);

// What the business works with in its console: history, templates, contacts, campaigns, analytics (docs/portal.md).
var portalService = builder.AddService<Projects.PortalService>(ServiceNames.PortalService, port: 3015)
    .WithReference(portalDb).WaitFor(portalDb)
    .WithMessaging(redis, rabbitmq, minio)
    .WithReference(tenantService).WaitFor(tenantService)
    // The tenant's WhatsApp token for Meta's template endpoints (WhatsApp Business Management API).
    .WithReference(authService).WaitFor(authService)
    // Acknowledges opt-out and opt-in keywords to the customer, and sends campaigns.
    .WithReference(whatsappApi).WaitFor(whatsappApi)
    // Campaign messages get a ledger row so that Meta's statuses reach their recipients.
    .WithReference(stateManager).WaitFor(stateManager)
    // It is also the agent portal's backend: agents, their sessions (signed with this key) and role sync, and the
    // supervisors' control that ends a conversation in Genesys.
    .WithEnvironment("AgentSessions__SigningKey", agentSessionKey)
    .WithReference(genesysApi).WaitFor(genesysApi);

// Alerting (docs/alerting.md): rules evaluated from shared state — Redis counters, RabbitMQ queues, the gateway's
// aggregated /health — and notifications by signed webhook and e-mail. It reads the gateway's /health but does not
// wait for the gateway, which waits for it: the health rule itself tolerates a gateway that is not up yet.
var alertService = builder.AddService<Projects.AlertService>(ServiceNames.AlertService, port: 3016)
    .WithReference(alertDb).WaitFor(alertDb)
    .WithReference(redis).WaitFor(redis)
    // It reads the pipelines' queues, and so declares them like every other service does.
    .WithBroker(rabbitmq)
    .WithEnvironment("Alerting__Encryption__Key", alertEncryptionKey);

// The single public entry point: routes, API keys, rate limits, the aggregated /health and the API docs (/scalar).
// It knows the operator key to guard admin routes and tenant creation itself; tenant keys it verifies with the tenant service.
var apiGateway = builder.AddService<Projects.ApiGateway>(ServiceNames.ApiGateway, port: 3000)
    .WithReference(redis).WaitFor(redis)
    .WithReferences(tenantService, authService, stateManager, whatsappApi, rcsApi, genesysApi,
                    whatsappWebhook, genesysWebhook, inboundTransformer, outboundTransformer, portalService, alertService)
    .WithEnvironment("Gateway__AdminApiKey", tenantAdminApiKey);
alertService.WithReference(apiGateway);

// The operator's console (Blazor): operator accounts in its own database; everything else through the gateway with
// the operator key, server-side. The same key creates the console's first admin on a fresh install.
var adminDashboard = builder.AddService<Projects.AdminDashboard>(ServiceNames.AdminDashboard, port: 3006)
    .WithReference(adminDb).WaitFor(adminDb)
    .WithReference(apiGateway).WaitFor(apiGateway)
    .WithEnvironment("Gateway__BaseUrl", $"http://{ServiceNames.ApiGateway}")
    .WithEnvironment("Gateway__PublicBaseUrl", apiGateway.GetEndpoint("http"))
    .WithEnvironment("Gateway__OperatorKey", tenantAdminApiKey)
    .WithEnvironment("Accounts__OperatorKey", tenantAdminApiKey);

// The agents' workspace (Blazor): sign-in with Genesys, and everything else through the portal service with the
// agent's session token. Its public address is the sign-in callback's base, registered with Genesys.
var agentPortal = builder.AddService<Projects.AgentPortal>(ServiceNames.AgentPortal, port: 3014)
    .WithReference(portalService).WaitFor(portalService);
agentPortal.WithEnvironment("SignIn__PublicBaseUrl", agentPortal.GetEndpoint("http"));

// The agent widget (Blazor), framed by Genesys Cloud in the agent's interaction window: the same sign-in and portal
// service as the workspace, its own callback registered with Genesys.
var agentWidget = builder.AddService<Projects.AgentWidget>(ServiceNames.AgentWidget, port: 3012)
    .WithReference(portalService).WaitFor(portalService);
agentWidget.WithEnvironment("SignIn__PublicBaseUrl", agentWidget.GetEndpoint("http"));

// Sandbox mode (default): simulated Meta, Genesys and an RCS provider stand in for the real APIs and call our webhooks.
// `--sandbox false` (or AppHost:Sandbox=false) leaves them out; configure Meta/Genesys endpoints and tenants instead.
if (builder.IsSandboxEnabled())
{
    var metaSandbox = builder.AddService<Projects.MetaSandbox>(ServiceNames.MetaSandbox, port: 3020)
        .WithEnvironment("MetaSandbox__WebhookUrl", whatsappWebhook.UrlOf("/webhook/whatsapp"));
    var genesysSandbox = builder.AddService<Projects.GenesysSandbox>(ServiceNames.GenesysSandbox, port: 3021)
        .WithEnvironment("GenesysSandbox__WebhookUrl", genesysWebhook.UrlOf("/webhook/genesys"))
        // Our agent sign-in client, as a real Genesys would have it registered: its id and its one callback.
        .WithEnvironment("GenesysSandbox__LoginClients__0__ClientId", SandboxMode.AgentSignInClientId)
        .WithEnvironment("GenesysSandbox__LoginClients__0__RedirectUris__0", agentPortal.UrlOf("/signin/callback"))
        .WithEnvironment("GenesysSandbox__LoginClients__0__RedirectUris__1", agentWidget.UrlOf("/signin/callback"))
        .WithSandboxDemoAgents();
    // Its default agent is the demo tenant's RCS agent; what users do goes to rcs-api's webhook.
    var rcsSandbox = builder.AddService<Projects.RcsSandbox>(ServiceNames.RcsSandbox, port: 3022)
        .WithEnvironment("RcsSandbox__WebhookUrl", rcsApi.UrlOf("/webhook/rcs"));

    // Everyone who calls Meta's Graph API (sending, media download) or Genesys (tokens, Open Messaging) calls a simulator.
    whatsappApi.WithEnvironment("Meta__GraphBaseUrl", metaSandbox.GetEndpoint("http"));
    inboundTransformer.WithEnvironment("Meta__GraphBaseUrl", metaSandbox.GetEndpoint("http"));
    portalService.WithEnvironment("Meta__GraphBaseUrl", metaSandbox.GetEndpoint("http"));
    authService.WithEnvironment("Genesys__BaseUrlOverride", genesysSandbox.GetEndpoint("http"))
        .WithEnvironment("Genesys__AgentSignIn__ClientId", SandboxMode.AgentSignInClientId);
    genesysApi.WithEnvironment("Genesys__BaseUrlOverride", genesysSandbox.GetEndpoint("http"));
    authService.WithEnvironment("Rcs__BaseUrl", rcsSandbox.GetEndpoint("http"));
    rcsApi.WithEnvironment("Rcs__BaseUrl", rcsSandbox.GetEndpoint("http"));
    whatsappWebhook.WithEnvironment("Meta__WebhookVerifyToken", SandboxMode.MetaWebhookVerifyToken);
    // Embedded Signup against the simulator: its stand-in for Meta's popup, and our platform app as it knows it.
    whatsappApi.WithEnvironment("Meta__App__AppId", SandboxMode.MetaAppId).WithEnvironment("Meta__App__AppSecret", SandboxMode.MetaAppSecret);
    adminDashboard
        .WithEnvironment("EmbeddedSignup__AppId", SandboxMode.MetaAppId)
        .WithEnvironment("EmbeddedSignup__ConfigId", "sandbox-signup-configuration")
        .WithEnvironment("EmbeddedSignup__SandboxPopupUrl", metaSandbox.UrlOf("/sandbox/embedded-signup"));
    tenantService.WithSandboxDemoTenant();
}

builder.ApplyConfiguredEnvironment();
builder.PrintWhenStarted();
builder.Build().Run();
