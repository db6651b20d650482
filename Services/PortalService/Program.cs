using WhatsAppGenesys.Contracts.Events;
using WhatsAppGenesys.PortalService;
using WhatsAppGenesys.PortalService.Agents;
using WhatsAppGenesys.PortalService.Analytics;
using WhatsAppGenesys.PortalService.Audience;
using WhatsAppGenesys.PortalService.Campaigns;
using WhatsAppGenesys.PortalService.Consent;
using WhatsAppGenesys.PortalService.Contacts;
using WhatsAppGenesys.PortalService.History;
using WhatsAppGenesys.PortalService.Import;
using WhatsAppGenesys.PortalService.Lists;
using WhatsAppGenesys.PortalService.QuickReplies;
using WhatsAppGenesys.PortalService.Settings;
using WhatsAppGenesys.PortalService.Templates;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.UseAuthentication();
app.UseAuthorization();
app.MapOpenApi();
app.MapPortalSettingsApi();
app.MapContactsApi();
app.MapContactImportApi();
app.MapConsentApi();
app.MapListsApi();
app.MapAudienceApi();
app.MapConversationHistoryApi();
app.MapTemplatesApi();
app.MapCampaignsApi();
app.MapAnalyticsApi();
app.MapAgentSessionsApi();
app.MapAgentConversationsApi();
app.MapConversationEndingApi();
app.MapAgentReplyApi();
app.MapAgentTemplateApi();
app.MapQuickRepliesApi();
app.MapAgentAttachmentApi();
app.MapAgentWidgetApi();
app.MapAgentNotificationsHub();
app.MapPipelineAdminEndpoints(Pipelines.History);
app.MapPipelineAdminEndpoints(Pipelines.TemplateStatus);

app.Run();
