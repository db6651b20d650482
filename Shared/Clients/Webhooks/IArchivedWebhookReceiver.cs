using Microsoft.AspNetCore.Http;
using WhatsAppGenesys.Clients.Archiving;

namespace WhatsAppGenesys.Clients.Webhooks;

/// <summary>A webhook receiver that can take an archived webhook again, checked exactly as on arrival.</summary>
public interface IArchivedWebhookReceiver
{
    /// <summary>
    /// Checks and queues the stored webhook: <c>Results.Ok()</c>, or <c>Results.Problem(status, title)</c> saying what
    /// stopped it, exactly as a webhook arriving would be answered. <paramref name="key"/> is where it is archived.
    /// </summary>
    Task<IResult> AcceptArchivedAsync(HttpContext http, string key, ArchivedWebhook stored);
}
