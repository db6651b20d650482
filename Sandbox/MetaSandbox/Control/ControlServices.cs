using WhatsAppGenesys.SandboxKit.Faults;
using Microsoft.Extensions.Options;
using WhatsAppGenesys.MetaSandbox.Model;
using WhatsAppGenesys.MetaSandbox.Webhooks;

namespace WhatsAppGenesys.MetaSandbox.Control;

// Parameter object for the sandbox control handlers.
public sealed record ControlServices(
    BusinessRegistry Businesses,
    CustomerStore Customers,
    InboundMessageFactory Inbound,
    WebhookDispatcher Dispatcher,
    WebhookSender Sender,
    StatusPublisher Statuses,
    SandboxSettings Settings,
    SandboxCounters Counters,
    FaultStore<FaultRequest> Faults,
    IOptions<MetaSandboxOptions> Options);
