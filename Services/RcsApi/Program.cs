using WhatsAppGenesys.RcsApi;
using WhatsAppGenesys.RcsApi.Send;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapOpenApi();
app.MapRcsSendApi();
app.MapRcsMessagesApi();

app.Run();
