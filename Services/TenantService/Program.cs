using WhatsAppGenesys.TenantService;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

if (args is ["rotate-keys", ..])
{
    return await app.RunKeyRotationAsync();
}

app.MapDefaultEndpoints();
app.MapApplicationEndpoints();

await app.RunAsync();
return 0;
