using WhatsAppGenesys.MetaSandbox.Limits;
using WhatsAppGenesys.MetaSandbox.Media;
using WhatsAppGenesys.MetaSandbox.Model;
using WhatsAppGenesys.MetaSandbox.Templates;
using WhatsAppGenesys.MetaSandbox.Webhooks;

namespace WhatsAppGenesys.MetaSandbox.GraphApi;

// Parameter object for the Graph API handlers.
public sealed record GraphServices(
    BusinessRegistry Businesses,
    CustomerStore Customers,
    MediaStore Media,
    SandboxSettings Settings,
    SandboxCounters Counters,
    ThroughputLimiter Throughput,
    TemplateSendValidator Templates,
    SendLimits Limits,
    StatusPublisher Statuses,
    TimeProvider Time,
    Microsoft.Extensions.Options.IOptions<MetaSandboxOptions> Options);
