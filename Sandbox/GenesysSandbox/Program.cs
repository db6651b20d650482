using WhatsAppGenesys.GenesysSandbox;

// Genesys Cloud simulator (genesys-sandbox, :3021): login host, Open Messaging API and api-downloads in one process,
// an agent that answers through signed outbound webhooks, and a /sandbox control API for tests and the benchmark.
var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddGenesysSandbox();

var app = builder.Build();

app.UseGenesysSandbox();
app.MapDefaultEndpoints();
app.MapGenesysSandbox();

app.Run();
