using WhatsAppGenesys.OutboundTransformer;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapPipelineAdminEndpoints(WhatsAppGenesys.Contracts.Events.Pipelines.Outbound);

app.Run();
