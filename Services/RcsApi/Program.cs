using WhatsAppGenesys.RcsApi;
using WhatsAppGenesys.RcsApi.Send;
using WhatsAppGenesys.RcsApi.Webhooks;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapOpenApi();
app.MapRcsSendApi();
app.MapRcsWebhook();
app.MapRcsMessagesApi();

app.Run();
