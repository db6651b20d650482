using WhatsAppGenesys.MetaSandbox.Model;

namespace WhatsAppGenesys.MetaSandbox.Templates;

// Parameter object for the template handlers, Graph and control alike.
public sealed record TemplateServices(
    BusinessRegistry Businesses,
    TemplateStore Store,
    TemplateReviewer Reviewer,
    TemplateStatusNotifier Notifier,
    TemplateSettings Settings);
