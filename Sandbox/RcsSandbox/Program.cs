// RCS Business Messaging provider simulator (rcs-sandbox, :3022): an aggregator's OAuth2 token endpoint with refresh
// tokens, Google's RBM REST API v1 (agent messages, capability checks), signed user-event webhooks, and a /sandbox
// control API for tests and the benchmark.
var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddRcsSandbox();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapRcsSandbox();

app.Run();
