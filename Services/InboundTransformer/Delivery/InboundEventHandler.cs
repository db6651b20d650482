using System.Text.Json;
using WhatsAppGenesys.Clients.Tenancy;
using WhatsAppGenesys.Contracts.Events;
using WhatsAppGenesys.Contracts.Meta;
using WhatsAppGenesys.Contracts.State;
using WhatsAppGenesys.Contracts.Tenancy;
using WhatsAppGenesys.InboundTransformer.History;
using WhatsAppGenesys.InboundTransformer.Mapping;
using WhatsAppGenesys.InboundTransformer.Media;
using WhatsAppGenesys.Messaging.Handling;
using WhatsAppGenesys.ServiceDefaults;

namespace WhatsAppGenesys.InboundTransformer.Delivery;

/// <summary>
/// The WhatsApp pipeline: a customer's message goes to the Genesys agent (<see cref="CustomerMessageDelivery"/>), a
/// Meta status of one of our messages moves the ledger and becomes a receipt (<see cref="ProviderStatusRecorder"/>).
/// What is WhatsApp's here is reading Meta's payloads: the contact, the media to download, the mapping.
/// </summary>
public sealed class InboundEventHandler(
    ITenantDirectory tenants,
    CustomerMessageDelivery delivery,
    ProviderStatusRecorder statuses,
    InboundMediaStore media,
    CampaignReplyTags campaignTags,
    ILogger<InboundEventHandler> logger) : IMessageHandler<WhatsAppEventReceived>
{
    public async ValueTask<MessageOutcome> HandleAsync(WhatsAppEventReceived received, MessageContext context, CancellationToken ct)
    {
        context.TenantId = received.TenantId;
        using var scope = logger.BeginTenantScope(received.TenantId);
        var tenant = await tenants.FindByIdAsync(received.TenantId, ct);
        if (tenant is not { IsActive: true, WhatsApp: { } whatsApp })
        {
            // Queued while the tenant was active; parked (not dropped) so an operator can replay it after reactivation.
            return MessageOutcome.Poison($"Tenant {received.TenantId} is unknown, inactive or has no WhatsApp configuration");
        }

        return received.Kind switch
        {
            WhatsAppEventReceived.MessageKind => await delivery.DeliverAsync(Describe(received, whatsApp), ct),
            WhatsAppEventReceived.StatusKind => await statuses.RecordAsync(received.TenantId,
                MetaStatuses.Read(received.Payload.Deserialize<MetaStatus>(MetaJson.Options) ?? throw new JsonException("Empty status payload"),
                    received.TenantId, received.ReceivedAt), context, ct),
            _ => MessageOutcome.Poison($"Unknown event kind '{received.Kind}'"),
        };
    }

    private InboundDelivery Describe(WhatsAppEventReceived received, WhatsAppSettings whatsApp)
    {
        var message = received.Payload.Deserialize<MetaMessage>(MetaJson.Options) ?? throw new JsonException("Empty message payload");
        var contact = received.Contact?.Deserialize<MetaContact>(MetaJson.Options);
        var occurredAt = message.Timestamp > 0 ? DateTimeOffset.FromUnixTimeSeconds(message.Timestamp) : received.ReceivedAt;
        var download = InboundMedia.Describe(message);
        return new InboundDelivery
        {
            TenantId = received.TenantId,
            CustomerId = received.CustomerId,
            Channel = CustomerChannel.WhatsApp,
            MessageId = message.Id,
            OccurredAt = occurredAt,
            Mapping = new EnsureMappingRequest(received.CustomerId, message.From ?? contact?.WaId, message.FromUserId ?? contact?.UserId,
                received.ContactName, received.PhoneNumberId, received.DisplayPhoneNumber),
            StoreMedia = download is null
                ? null
                : ct => media.StoreAsync(received.TenantId, whatsApp.GraphApiVersion, download, message.Id, occurredAt, ct),
            Map = async (stored, ct) => InboundMessageMapper.Map(message, new InboundMappingContext
            {
                TenantId = received.TenantId,
                PhoneNumberId = received.PhoneNumberId,
                Contact = contact,
                Media = stored,
                CampaignId = await campaignTags.FindAsync(received.TenantId, received.CustomerId),
            }),
            History = (conversation, stored) => CustomerMessageHistory.Describe(received, message, contact, conversation, stored, occurredAt),
        };
    }
}
