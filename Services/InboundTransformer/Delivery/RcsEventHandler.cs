using System.Text.Json;
using WhatsAppGenesys.Clients.Tenancy;
using WhatsAppGenesys.Contracts.Events;
using WhatsAppGenesys.Contracts.Meta;
using WhatsAppGenesys.Contracts.State;
using WhatsAppGenesys.InboundTransformer.History;
using WhatsAppGenesys.InboundTransformer.Mapping.Rcs;
using WhatsAppGenesys.InboundTransformer.Media;
using WhatsAppGenesys.Messaging.Handling;
using WhatsAppGenesys.ServiceDefaults;

namespace WhatsAppGenesys.InboundTransformer.Delivery;

/// <summary>
/// The RCS pipeline, with the same steps as WhatsApp's: a customer's message goes to the Genesys agent
/// (<see cref="CustomerMessageDelivery"/>, ledger on RBM's messageId), the phone's DELIVERED and READ of one of our
/// messages move the ledger and become receipts (<see cref="ProviderStatusRecorder"/>, by the RBM message id the
/// send recorded as the row's provider id). IS_TYPING shows the agent that the customer is typing (<see cref="RcsTyping"/>).
/// </summary>
public sealed class RcsEventHandler(
    ITenantDirectory tenants,
    CustomerMessageDelivery delivery,
    ProviderStatusRecorder statuses,
    RcsFileStore files,
    RcsTyping typing,
    ILogger<RcsEventHandler> logger) : IMessageHandler<RcsEventReceived>
{
    public async ValueTask<MessageOutcome> HandleAsync(RcsEventReceived received, MessageContext context, CancellationToken ct)
    {
        context.TenantId = received.TenantId;
        using var scope = logger.BeginTenantScope(received.TenantId);
        var tenant = await tenants.FindByIdAsync(received.TenantId, ct);
        if (tenant is not { IsActive: true, Rcs: not null })
        {
            // Queued while the tenant was active; parked (not dropped) so an operator can replay it after reactivation.
            return MessageOutcome.Poison($"Tenant {received.TenantId} is unknown, inactive or has no RCS configuration");
        }

        return received.Kind switch
        {
            RcsEventReceived.MessageKind => await delivery.DeliverAsync(Describe(received), ct),
            RcsEventReceived.EventKind => await RecordEventAsync(received, context, ct),
            _ => MessageOutcome.Poison($"Unknown event kind '{received.Kind}'"),
        };
    }

    private InboundDelivery Describe(RcsEventReceived received)
    {
        var message = received.Payload.Deserialize<RbmUserMessage>(RbmJson.Options) ?? throw new JsonException("Empty message payload");
        var occurredAt = message.SendTime ?? received.ReceivedAt;
        var file = RcsInboundMessageMapper.Describe(message);
        return new InboundDelivery
        {
            TenantId = received.TenantId,
            CustomerId = received.CustomerId,
            Channel = CustomerChannel.Rcs,
            MessageId = message.MessageId,
            OccurredAt = occurredAt,
            // An RCS customer has no wa_id, BSUID or WhatsApp number: the customer id (rcs:+E.164, or the digits of a
            // number linked with WhatsApp) is the whole key; a linked number's WhatsApp messages add the rest.
            Mapping = new EnsureMappingRequest(received.CustomerId, WaId: null, Bsuid: null, ContactName: null, PhoneNumberId: null, DisplayPhoneNumber: null),
            StoreMedia = file is null ? null : ct => files.StoreAsync(received.TenantId, file, occurredAt, ct),
            Map = (stored, _) => Task.FromResult(RcsInboundMessageMapper.Map(message,
                new RcsMappingContext(received.TenantId, received.AgentId, received.CustomerId, received.ReceivedAt, stored))),
            History = (conversation, stored) => RcsMessageHistory.Describe(received, message, conversation, stored, occurredAt),
        };
    }

    private async Task<MessageOutcome> RecordEventAsync(RcsEventReceived received, MessageContext context, CancellationToken ct)
    {
        var userEvent = received.Payload.Deserialize<RbmUserEvent>(RbmJson.Options) ?? throw new JsonException("Empty event payload");
        if (userEvent.EventType == RbmUserEvent.IsTyping)
        {
            await typing.ForwardAsync(received.TenantId, received.CustomerId, userEvent, userEvent.SendTime ?? received.ReceivedAt, ct);
            return MessageOutcome.Success;
        }
        var status = userEvent.EventType switch
        {
            RbmUserEvent.Delivered => MetaStatusValues.Delivered,
            RbmUserEvent.Read => MetaStatusValues.Read,
            _ => null,
        };
        if (status is null || userEvent.MessageId is not { Length: > 0 } messageId)
        {
            // An event RBM may add later: nothing of ours changes.
            return MessageOutcome.Success;
        }
        var occurredAt = userEvent.SendTime ?? received.ReceivedAt;
        var customer = RcsInboundMessageMapper.Customer(received.CustomerId);
        return await statuses.RecordAsync(received.TenantId, new ProviderStatus(
            messageId,
            status,
            Reason: null,
            occurredAt,
            (value, genesysId) => value == MetaStatusValues.Delivered ? StatusReceiptMapper.Delivered(genesysId, customer, occurredAt) : null,
            tracked => RcsMessageHistory.Status(received.TenantId, tracked, messageId, status, occurredAt)), context, ct);
    }
}
