using WhatsAppGenesys.AgentPortal;
using WhatsAppGenesys.AgentPortal.Components;
using WhatsAppGenesys.AgentWeb;
using WhatsAppGenesys.AgentWeb.SignIn;

// The agent portal (agent-portal, :3014): sign-in with Genesys, and the agent's workspace.
var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddAgentSignIn(AgentCookiePolicy.Portal);
builder.AddWorkspaceUi();

var app = builder.Build();

app.UseAgentPages();
app.MapDefaultEndpoints();
app.MapSignInEndpoints();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

app.Run();
