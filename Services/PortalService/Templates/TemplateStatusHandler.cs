using WhatsAppGenesys.Contracts.Events;
using WhatsAppGenesys.Messaging.Handling;
using WhatsAppGenesys.ServiceDefaults;

namespace WhatsAppGenesys.PortalService.Templates;

/// <summary>The template-status pipeline's consumer: one Meta status webhook change per message, applied in order per template name.</summary>
public sealed class TemplateStatusHandler(TemplateStatusRecorder recorder, ILogger<TemplateStatusHandler> logger) : IMessageHandler<TemplateStatusChanged>
{
    public async ValueTask<MessageOutcome> HandleAsync(TemplateStatusChanged message, MessageContext context, CancellationToken cancellationToken)
    {
        context.TenantId = message.TenantId;
        using (logger.BeginTenantScope(message.TenantId))
        {
            await recorder.RecordAsync(message, cancellationToken);
        }
        return MessageOutcome.Success;
    }
}
