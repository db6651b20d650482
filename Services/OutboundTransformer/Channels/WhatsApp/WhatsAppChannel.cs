using System.Text.Json;
using WhatsAppGenesys.Clients.Providers;
using WhatsAppGenesys.Contracts.Events;
using WhatsAppGenesys.Contracts.Genesys;
using WhatsAppGenesys.Contracts.Meta;
using WhatsAppGenesys.Contracts.Providers;
using WhatsAppGenesys.Contracts.State;
using WhatsAppGenesys.Contracts.Tenancy;
using WhatsAppGenesys.OutboundTransformer.Delivery;
using WhatsAppGenesys.OutboundTransformer.History;
using WhatsAppGenesys.OutboundTransformer.Mapping;
using WhatsAppGenesys.OutboundTransformer.Media;

namespace WhatsAppGenesys.OutboundTransformer.Channels.WhatsApp;

/// <summary>One Graph <c>/messages</c> body.</summary>
public sealed record WhatsAppPart(MetaSendMessageRequest Request) : OutboundPart;

/// <summary>
/// Agents' replies to WhatsApp customers (docs/outbound.md): the 24-hour window, the attachment re-hosted against
/// WhatsApp's limits, <see cref="OutboundMessageMapper"/>, the WhatsApp API service, and the customer's last message
/// marked read once the agent answered.
/// </summary>
public sealed class WhatsAppChannel(
    WhatsAppApiClient whatsapp,
    OutboundMediaStore media,
    ReadMarkers readMarkers,
    TimeProvider clock,
    ILogger<WhatsAppChannel> logger) : IOutboundChannel
{
    /// <summary>Genesys gives back the id we sent inbound: "+&lt;wa_id&gt;" or the BSUID; the state manager keys on wa_id or BSUID.</summary>
    public static string CustomerKey(string genesysCustomerId) =>
        genesysCustomerId.StartsWith('+') ? genesysCustomerId[1..] : genesysCustomerId;

    public EnsureMappingRequest NewCustomer(CustomerAddress customer, TenantResolution tenant)
    {
        var key = CustomerKey(customer.Address);
        var isPhone = key.All(char.IsAsciiDigit);
        return new EnsureMappingRequest(key, isPhone ? key : null, isPhone ? null : key, null,
            tenant.WhatsApp?.PhoneNumberIds.FirstOrDefault(), tenant.WhatsApp?.DisplayPhoneNumber);
    }

    public async Task<ChannelPlan> PlanAsync(AgentMessage job, ConversationMapping mapping, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        HostedMedia? hosted = null;
        if (OutboundMedia.Describe(job.Message) is { } attachment)
        {
            // No download for a message the window refuses anyway (templates are exempt from it).
            if (!IsTemplate(job.Message) && CustomerServiceWindow.Check(mapping.LastInboundAt, now) is { } expired)
            {
                return ChannelPlan.From(expired);
            }
            var prepared = await media.PrepareAsync(job.TenantId, attachment, ct);
            if (prepared.TransientFailure is { } transient)
            {
                return new ChannelPlan.Transient("media", transient);
            }
            if (prepared.Rejection is { } refused)
            {
                return ChannelPlan.From(refused);
            }
            hosted = prepared.Media;
        }

        var plan = OutboundMessageMapper.Map(job.Message, new OutboundMappingContext
        {
            Now = now,
            LastCustomerMessageAt = mapping.LastInboundAt,
            LastCustomerMessageId = mapping.LastInboundMessageId,
            Media = hosted,
        });
        return plan switch
        {
            OutboundPlan.Reject reject => ChannelPlan.From(reject),
            OutboundPlan.Send send => new ChannelPlan.Send([.. send.Messages.Select(m => new WhatsAppPart(m))], hosted),
            _ => new ChannelPlan.Nothing($"needs no WhatsApp request: {plan}"),
        };
    }

    public async Task<ProviderCall<string>> SendAsync(AgentMessage job, ConversationMapping mapping, OutboundPart part, string idempotencyKey, CancellationToken ct)
    {
        var call = await whatsapp.SendAsync(job.TenantId, new WhatsAppSendRequest(idempotencyKey,
            JsonSerializer.SerializeToElement(Request(part), MetaJson.Options), mapping.PhoneNumberId), ct);
        return new(call.Result?.Wamid, call.Error);
    }

    public bool CarriesMedia(OutboundPart part) => AgentMessageHistory.CarriesMedia(Request(part));

    public ConversationMessageRecorded Describe(AgentMessage job, ConversationMapping mapping, OutboundPart part, string providerMessageId,
        string partId, HostedMedia? media, string? archiveKey) =>
        AgentMessageHistory.Describe(job.TenantId, mapping, job.Message, Request(part), providerMessageId, partId, media, job.OccurredAt, archiveKey);

    /// <summary>The agent answered: the customer sees blue ticks on their last message (best effort, once per message).</summary>
    public async Task AfterSentAsync(AgentMessage job, ConversationMapping mapping, CancellationToken ct)
    {
        if (mapping.LastInboundMessageId is not { Length: > 0 } wamid || !readMarkers.TryClaim(job.TenantId, wamid))
        {
            return;
        }
        var call = await whatsapp.MarkReadAsync(job.TenantId, new WhatsAppMarkReadRequest(wamid, PhoneNumberId: mapping.PhoneNumberId), ct);
        if (call.Error is { } error)
        {
            readMarkers.Release(job.TenantId, wamid);
            logger.LogInformation("Could not mark {Wamid} read: {Code} {Message}", wamid, error.Code, error.Message);
        }
    }

    /// <summary>Typing → mark-as-read with the typing indicator on the customer's last message. Momentary: never retried.</summary>
    public async Task ShowEventAsync(string tenantId, GenesysOutboundMessage message, CustomerAddress customer, ConversationMapping? mapping,
        CancellationToken ct)
    {
        var plan = OutboundMessageMapper.Map(message, new OutboundMappingContext
        {
            Now = clock.GetUtcNow(),
            LastCustomerMessageAt = mapping?.LastInboundAt,
            LastCustomerMessageId = mapping?.LastInboundMessageId,
        });
        if (plan is not OutboundPlan.MarkAsRead read)
        {
            logger.LogDebug("Event {EventId} needs no WhatsApp request: {Plan}", message.Id, plan);
            return;
        }
        var call = await whatsapp.MarkReadAsync(tenantId,
            new WhatsAppMarkReadRequest(read.Request.MessageId, TypingIndicator: read.Request.TypingIndicator is not null, mapping?.PhoneNumberId), ct);
        if (call.Error is { } error)
        {
            logger.LogInformation("Typing indicator not shown: {Code} {Message}", error.Code, error.Message);
            return;
        }
        readMarkers.TryClaim(tenantId, read.Request.MessageId);
    }

    private static MetaSendMessageRequest Request(OutboundPart part) => ((WhatsAppPart)part).Request;

    private static bool IsTemplate(GenesysOutboundMessage message) =>
        message.Content?.Any(c => c.ContentType == GenesysContentType.Notification && c.Template is not null) == true;
}
