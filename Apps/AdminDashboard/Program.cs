using WhatsAppGenesys.AdminDashboard;
using WhatsAppGenesys.AdminDashboard.Components;

// The operator's console (admin-dashboard, :3006): sign-in, tenant onboarding, tenants and parked messages.
var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddOperatorAccounts();
builder.AddSystemApi();
builder.AddConsoleUi();

var app = builder.Build();

app.UseConsoleUi();
app.MapDefaultEndpoints();
app.MapSignOut();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

app.Run();
