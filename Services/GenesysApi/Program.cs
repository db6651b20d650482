using WhatsAppGenesys.GenesysApi;
using WhatsAppGenesys.GenesysApi.Conversations;
using WhatsAppGenesys.GenesysApi.OpenMessaging;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapOpenApi();
app.MapOpenMessagingApi();
app.MapConversationControlApi();

app.Run();
