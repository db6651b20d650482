using WhatsAppGenesys.Contracts;

var builder = DistributedApplication.CreateBuilder(args);

// Infrastructure: local processes on 127.0.0.1 with their data under .apphost/data (see Hosting/).
var postgres = builder.AddPostgres(ResourceNames.Postgres, port: 55432);
var tenantDb = postgres.AddDatabase(ResourceNames.TenantDatabase);
var stateDb = postgres.AddDatabase(ResourceNames.StateDatabase);
var whatsappDb = postgres.AddDatabase(ResourceNames.WhatsAppDatabase);
var redis = builder.AddRedis(ResourceNames.Redis, port: 56379);
var rabbitmq = builder.AddRabbitMQ(ResourceNames.RabbitMQ, port: 55672);
// s3rver locally; production points ConnectionStrings:minio at MinIO.
var minio = builder.AddS3Server(ResourceNames.ObjectStorage, port: 59000);

// Core services: tenants and credentials first, everyone else depends on them.
var tenantService = builder.AddProject<Projects.TenantService>(ServiceNames.TenantService, port: 3007)
    .WithReference(tenantDb).WaitFor(tenantDb)
    .WithReference(redis).WaitFor(redis);

var authService = builder.AddProject<Projects.AuthService>(ServiceNames.AuthService, port: 3004)
    .WithReference(redis).WaitFor(redis)
    .WithReference(tenantService).WaitFor(tenantService);

var stateManager = builder.AddProject<Projects.StateManager>(ServiceNames.StateManager, port: 3005)
    .WithReference(stateDb).WaitFor(stateDb)
    .WithReference(redis).WaitFor(redis);

// Outbound API clients: the only services that talk to Meta and Genesys.
var whatsappApi = builder.AddProject<Projects.WhatsAppApi>(ServiceNames.WhatsAppApi, port: 3008)
    .WithReference(whatsappDb).WaitFor(whatsappDb)
    .WithReference(redis).WaitFor(redis)
    .WithReference(authService).WaitFor(authService)
    .WithReference(tenantService).WaitFor(tenantService);

var genesysApi = builder.AddProject<Projects.GenesysApi>(ServiceNames.GenesysApi, port: 3010)
    .WithReference(redis).WaitFor(redis)
    .WithReference(authService).WaitFor(authService)
    .WithReference(tenantService).WaitFor(tenantService);

// Message flow: webhooks receive, transformers map and forward.
var whatsappWebhook = builder.AddProject<Projects.WhatsAppWebhook>(ServiceNames.WhatsAppWebhook, port: 3009)
    .WithMessaging(redis, rabbitmq, minio)
    .WithReference(tenantService).WaitFor(tenantService);

var genesysWebhook = builder.AddProject<Projects.GenesysWebhook>(ServiceNames.GenesysWebhook, port: 3011)
    .WithMessaging(redis, rabbitmq, minio)
    .WithReference(tenantService).WaitFor(tenantService);

var inboundTransformer = builder.AddProject<Projects.InboundTransformer>(ServiceNames.InboundTransformer, port: 3002)
    .WithMessaging(redis, rabbitmq, minio)
    .WithReference(stateManager).WaitFor(stateManager)
    .WithReference(genesysApi).WaitFor(genesysApi)
    .WithReference(whatsappApi).WaitFor(whatsappApi)
    .WithReference(tenantService).WaitFor(tenantService);

var outboundTransformer = builder.AddProject<Projects.OutboundTransformer>(ServiceNames.OutboundTransformer, port: 3003)
    .WithMessaging(redis, rabbitmq, minio)
    .WithReference(stateManager).WaitFor(stateManager)
    .WithReference(whatsappApi).WaitFor(whatsappApi)
    .WithReference(genesysApi).WaitFor(genesysApi)
    .WithReference(tenantService).WaitFor(tenantService);

// The single public entry point.
builder.AddProject<Projects.ApiGateway>(ServiceNames.ApiGateway, port: 3000)
    .WithReference(redis).WaitFor(redis)
    .WithReferences(tenantService, authService, stateManager, whatsappApi, genesysApi,
                    whatsappWebhook, genesysWebhook, inboundTransformer, outboundTransformer);

// Sandbox mode (default): simulated Meta and Genesys. `--sandbox false` (or AppHost:Sandbox=false) leaves them out.
if (builder.IsSandboxEnabled())
{
    builder.AddProject<Projects.MetaSandbox>(ServiceNames.MetaSandbox, port: 3020);
    builder.AddProject<Projects.GenesysSandbox>(ServiceNames.GenesysSandbox, port: 3021);
}

builder.Build().Run();

// Lets tests name the entry point: DistributedApplicationTestingBuilder.CreateAsync<Program>().
public partial class Program;
