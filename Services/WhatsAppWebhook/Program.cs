using WhatsAppGenesys.WhatsAppWebhook;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapWhatsAppWebhook();

app.Run();
