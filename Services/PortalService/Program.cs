using WhatsAppGenesys.Contracts.Events;
using WhatsAppGenesys.PortalService;
using WhatsAppGenesys.PortalService.History;
using WhatsAppGenesys.PortalService.Settings;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapOpenApi();
app.MapPortalSettingsApi();
app.MapConversationHistoryApi();
app.MapPipelineAdminEndpoints(Pipelines.History);

app.Run();
