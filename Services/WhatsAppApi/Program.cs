using WhatsAppGenesys.Contracts;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddRedisClient(ResourceNames.Redis);

var app = builder.Build();

app.MapDefaultEndpoints();

app.Run();
