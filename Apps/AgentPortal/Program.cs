using WhatsAppGenesys.AgentPortal;
using WhatsAppGenesys.AgentPortal.Components;
using WhatsAppGenesys.AgentPortal.SignIn;

// The agent portal (agent-portal, :3014): sign-in with Genesys, and the agent's workspace.
var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddAgentSignIn();
builder.AddWorkspaceUi();

var app = builder.Build();

app.UseWorkspaceUi();
app.MapDefaultEndpoints();
app.MapSignInEndpoints();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

app.Run();
