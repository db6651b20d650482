using System.Diagnostics;
using WhatsAppGenesys.ServiceDefaults;

namespace WhatsAppGenesys.PortalService.Campaigns;

/// <summary>
/// The span around one recipient's send. The campaign's loop runs outside any request, so without it the claim, the
/// call to the WhatsApp API service, the <c>sent</c> mark and the history row would each start a trace of their own:
/// about ten traces per recipient in the dashboard, and a deployment that keeps one trace in ten would keep or drop
/// them one by one. Under it, a send is one trace, and the statuses Meta sends back start theirs.
/// </summary>
internal static class CampaignTrace
{
    // Named after the application: the service defaults trace that source in every service.
    private static readonly ActivitySource Source = new(typeof(CampaignTrace).Assembly.GetName().Name!);

    public static Activity? StartSend(Campaign campaign, CampaignRecipient recipient)
    {
        var activity = Source.StartActivity("campaign send", ActivityKind.Internal);
        activity?.SetTag(TenantTelemetry.TagName, campaign.TenantId);
        activity?.SetTag("campaign.id", campaign.Id.ToString());
        activity?.SetTag("campaign.contact_id", recipient.ContactId.ToString());
        return activity;
    }
}
