using WhatsAppGenesys.PortalService;
using WhatsAppGenesys.PortalService.Settings;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapOpenApi();
app.MapPortalSettingsApi();

app.Run();
