using WhatsAppGenesys.GenesysApi;
using WhatsAppGenesys.GenesysApi.OpenMessaging;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapOpenApi();
app.MapOpenMessagingApi();

app.Run();
