using WhatsAppGenesys.Contracts;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddRedisClient(ResourceNames.Redis);
builder.AddRabbitMQClient(ResourceNames.RabbitMQ);
builder.AddMinioClient(ResourceNames.ObjectStorage, Buckets.MediaInbound);

var app = builder.Build();

app.MapDefaultEndpoints();

app.Run();
