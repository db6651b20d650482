using WhatsAppGenesys.ApiGateway;
using WhatsAppGenesys.ApiGateway.OpenApi;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddGatewayServices();

var app = builder.Build();

app.UseGatewayPipeline();

// /health aggregates every service's health; /alive is the gateway's own.
app.MapDefaultEndpoints();
app.MapGatewayOpenApi();
app.MapReverseProxy();

app.Run();
