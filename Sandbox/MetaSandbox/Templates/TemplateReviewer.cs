using WhatsAppGenesys.Contracts.Meta;

namespace WhatsAppGenesys.MetaSandbox.Templates;

// Plays Meta's review: after ReviewDelayMs a PENDING template becomes APPROVED, or REJECTED with INVALID_FORMAT when
// its name contains "reject", so a test can ask for either outcome. A status set meanwhile (control API) wins.
public sealed class TemplateReviewer(
    TemplateStore store,
    TemplateSettings settings,
    TemplateStatusNotifier notifier,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<TemplateReviewer> logger)
{
    public const string RejectMarker = "reject";
    public const string RejectReason = "INVALID_FORMAT";

    public void Schedule(StoredTemplate template)
    {
        if (settings.AutoReview)
        {
            _ = Task.Run(() => ReviewAsync(template));
        }
    }

    private async Task ReviewAsync(StoredTemplate template)
    {
        try
        {
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Max(0, settings.ReviewDelayMs)), time, lifetime.ApplicationStopping);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        if (store.FindById(template.Id) is null)
        {
            return;
        }
        var rejected = template.Name.Contains(RejectMarker, StringComparison.Ordinal);
        var changed = rejected
            ? notifier.ChangeStatus(template, MetaTemplateStatus.Rejected, RejectReason, expected: MetaTemplateStatus.Pending)
            : notifier.ChangeStatus(template, MetaTemplateStatus.Approved, null, expected: MetaTemplateStatus.Pending);
        if (changed)
        {
            logger.LogDebug("Template {Name} ({Language}) reviewed: {Status}", template.Name, template.Language, template.Status);
        }
    }
}
