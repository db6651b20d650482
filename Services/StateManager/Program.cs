using WhatsAppGenesys.StateManager;
using WhatsAppGenesys.StateManager.Api;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapOpenApi();
app.MapStateApi();

app.Run();
