using WhatsAppGenesys.GenesysWebhook;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapGenesysWebhook();

app.Run();
