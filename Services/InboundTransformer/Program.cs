using WhatsAppGenesys.InboundTransformer;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();
builder.Services.AddOpenApi();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapOpenApi();
app.MapPipelineAdminEndpoints(WhatsAppGenesys.Contracts.Events.Pipelines.Inbound);
app.MapPipelineAdminEndpoints(WhatsAppGenesys.Contracts.Events.Pipelines.InboundRcs);

app.Run();
