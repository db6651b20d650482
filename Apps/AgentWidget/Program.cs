using WhatsAppGenesys.AgentWeb;
using WhatsAppGenesys.AgentWeb.SignIn;
using WhatsAppGenesys.AgentWidget;
using WhatsAppGenesys.AgentWidget.Components;

// The agent widget (agent-widget, :3012): framed by Genesys Cloud in the agent's interaction window, it shows the
// customer of the conversation at hand and sends them templates. Only the tenant's Genesys origin may frame it.
var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddAgentSignIn(AgentCookiePolicy.Embedded);
builder.AddWidgetUi();

var app = builder.Build();

app.UseGenesysFramePolicy();
app.UseAgentPages();
app.MapDefaultEndpoints();
app.MapSignInEndpoints();
// Blazor would add its own "frame-ancestors 'self'", and a browser obeys both policies: ours alone decides.
app.MapRazorComponents<App>().AddInteractiveServerRenderMode(server => server.ContentSecurityFrameAncestorsPolicy = null);

app.Run();
