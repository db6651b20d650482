using Microsoft.Extensions.Options;

namespace WhatsAppGenesys.MetaSandbox.Templates;

// Template review and send checking, changed at run time through PATCH /sandbox/templates/settings.
public sealed class TemplateSettings(IOptions<MetaSandboxOptions> options)
{
    public volatile int ReviewDelayMs = options.Value.Templates.ReviewDelayMs;
    public volatile bool AutoReview = options.Value.Templates.AutoReview;
    public volatile TemplateSendCheck SendCheck = options.Value.Templates.SendCheck;
}

// When a template message is checked against the WABA's templates. WhenWabaHasTemplates keeps the suites that send
// templates nobody created working: a WABA without any template sends whatever name it likes.
public enum TemplateSendCheck
{
    WhenWabaHasTemplates,
    Always,
    Never,
}
