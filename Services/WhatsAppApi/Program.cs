using WhatsAppGenesys.WhatsAppApi;
using WhatsAppGenesys.WhatsAppApi.DirectSend;
using WhatsAppGenesys.WhatsAppApi.Onboarding;
using WhatsAppGenesys.WhatsAppApi.Sending;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapOpenApi();
app.MapWhatsAppMessagesApi();
app.MapDirectSendApi();
app.MapEmbeddedSignupApi();

app.Run();
