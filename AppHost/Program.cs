var builder = DistributedApplication.CreateBuilder(args);

// Infrastructure: local processes on 127.0.0.1 with their data under .apphost/data (see Hosting/).
var postgres = builder.AddPostgres("postgres", port: 55432);
var tenantDb = postgres.AddDatabase("tenantdb");
var stateDb = postgres.AddDatabase("statedb");
var whatsappDb = postgres.AddDatabase("whatsappdb");
var redis = builder.AddRedis("redis", port: 56379);
var rabbitmq = builder.AddRabbitMQ("rabbitmq", port: 55672);
// s3rver locally; production points ConnectionStrings:minio at MinIO.
var minio = builder.AddS3Server("minio", port: 59000);

// Core services: tenants and credentials first, everyone else depends on them.
var tenantService = builder.AddProject<Projects.TenantService>("tenant-service", port: 3007)
    .WithReference(tenantDb).WaitFor(tenantDb)
    .WithReference(redis).WaitFor(redis);

var authService = builder.AddProject<Projects.AuthService>("auth-service", port: 3004)
    .WithReference(redis).WaitFor(redis)
    .WithReference(tenantService).WaitFor(tenantService);

var stateManager = builder.AddProject<Projects.StateManager>("state-manager", port: 3005)
    .WithReference(stateDb).WaitFor(stateDb)
    .WithReference(redis).WaitFor(redis);

// Outbound API clients: the only services that talk to Meta and Genesys.
var whatsappApi = builder.AddProject<Projects.WhatsAppApi>("whatsapp-api", port: 3008)
    .WithReference(whatsappDb).WaitFor(whatsappDb)
    .WithReference(redis).WaitFor(redis)
    .WithReference(authService).WaitFor(authService)
    .WithReference(tenantService).WaitFor(tenantService);

var genesysApi = builder.AddProject<Projects.GenesysApi>("genesys-api", port: 3010)
    .WithReference(redis).WaitFor(redis)
    .WithReference(authService).WaitFor(authService)
    .WithReference(tenantService).WaitFor(tenantService);

// Message flow: webhooks receive, transformers map and forward.
var whatsappWebhook = builder.AddProject<Projects.WhatsAppWebhook>("whatsapp-webhook", port: 3009)
    .WithMessaging(redis, rabbitmq, minio)
    .WithReference(tenantService).WaitFor(tenantService);

var genesysWebhook = builder.AddProject<Projects.GenesysWebhook>("genesys-webhook", port: 3011)
    .WithMessaging(redis, rabbitmq, minio)
    .WithReference(tenantService).WaitFor(tenantService);

var inboundTransformer = builder.AddProject<Projects.InboundTransformer>("inbound-transformer", port: 3002)
    .WithMessaging(redis, rabbitmq, minio)
    .WithReference(stateManager).WaitFor(stateManager)
    .WithReference(genesysApi).WaitFor(genesysApi)
    .WithReference(whatsappApi).WaitFor(whatsappApi)
    .WithReference(tenantService).WaitFor(tenantService);

var outboundTransformer = builder.AddProject<Projects.OutboundTransformer>("outbound-transformer", port: 3003)
    .WithMessaging(redis, rabbitmq, minio)
    .WithReference(stateManager).WaitFor(stateManager)
    .WithReference(whatsappApi).WaitFor(whatsappApi)
    .WithReference(genesysApi).WaitFor(genesysApi)
    .WithReference(tenantService).WaitFor(tenantService);

// The single public entry point.
builder.AddProject<Projects.ApiGateway>("api-gateway", port: 3000)
    .WithReference(redis).WaitFor(redis)
    .WithReferences(tenantService, authService, stateManager, whatsappApi, genesysApi,
                    whatsappWebhook, genesysWebhook, inboundTransformer, outboundTransformer);

// Sandbox mode (default): simulated Meta and Genesys. `--sandbox false` (or AppHost:Sandbox=false) leaves them out.
if (builder.IsSandboxEnabled())
{
    builder.AddProject<Projects.MetaSandbox>("meta-sandbox", port: 3020);
    builder.AddProject<Projects.GenesysSandbox>("genesys-sandbox", port: 3021);
}

builder.Build().Run();

// Lets tests name the entry point: DistributedApplicationTestingBuilder.CreateAsync<Program>().
public partial class Program;
