var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddMetaSandbox();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapMetaSandbox();

app.Run();
