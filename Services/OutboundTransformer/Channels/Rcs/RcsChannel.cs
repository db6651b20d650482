using WhatsAppGenesys.Clients.Providers;
using WhatsAppGenesys.Contracts;
using WhatsAppGenesys.Contracts.Events;
using WhatsAppGenesys.Contracts.Genesys;
using WhatsAppGenesys.Contracts.Providers;
using WhatsAppGenesys.Contracts.State;
using WhatsAppGenesys.Contracts.Tenancy;
using WhatsAppGenesys.OutboundTransformer.Delivery;
using WhatsAppGenesys.OutboundTransformer.History;
using WhatsAppGenesys.OutboundTransformer.Mapping;
using WhatsAppGenesys.OutboundTransformer.Media;

namespace WhatsAppGenesys.OutboundTransformer.Channels.Rcs;

/// <summary>One RCS message as rcs-api's internal route takes it (its idempotency key is set when it is sent).</summary>
public sealed record RcsPart(SendRcsMessageRequest Request) : OutboundPart;

/// <summary>
/// Agents' replies to RCS customers (<c>rcs:+E.164</c>, or a number linked with WhatsApp that last wrote on RCS, sent
/// to at <c>+digits</c>: the job's customer is always the RCS address): <see cref="RcsMessageMapper"/>, the attachment checked
/// against <see cref="RcsMedia"/> and re-hosted as for WhatsApp (RBM fetches a file by URL, so it gets a presigned
/// link to media-outbound), and rcs-api's internal route, which sends as the tenant's RBM agent.
/// RCS has no 24-hour window. As on WhatsApp, the agent's answer marks the customer's last message read (RBM's READ
/// agent event, once per message) and a Genesys typing event shows the customer that the agent is typing (IS_TYPING);
/// both are momentary, so a failure is only logged.
/// </summary>
public sealed class RcsChannel(RcsApiClient rcs, OutboundMediaStore media, ReadMarkers readMarkers, ILogger<RcsChannel> logger) : IOutboundChannel
{
    /// <summary>An RCS customer is known by their id alone: no WhatsApp number or phone number id belongs to them.</summary>
    public EnsureMappingRequest NewCustomer(CustomerAddress customer, TenantResolution tenant) =>
        new(customer.CustomerId, null, null, null, null, null);

    public async Task<ChannelPlan> PlanAsync(AgentMessage job, ConversationMapping mapping, CancellationToken ct)
    {
        if (job.Tenant.Rcs is null)
        {
            return new ChannelPlan.Refuse(GenesysReasonCode.GeneralError,
                "Not sent: the customer is on RCS, and this tenant has no RCS agent configured. An administrator can add it in the tenant's RCS settings.");
        }
        HostedMedia? hosted = null;
        if (OutboundMedia.Describe(job.Message) is { } attachment && job.Message.Content?.Any(c => c.Template is not null) != true)
        {
            var prepared = await media.PrepareAsync(job.TenantId, attachment, ct, RcsMedia.Rules);
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
        var (messages, rejection) = RcsMessageMapper.Map(job.Message, job.Customer.Address, hosted);
        return rejection is not null
            ? ChannelPlan.From(rejection)
            : new ChannelPlan.Send([.. messages!.Select(m => new RcsPart(m))], hosted);
    }

    public async Task<ProviderCall<string>> SendAsync(AgentMessage job, ConversationMapping mapping, OutboundPart part, string idempotencyKey, CancellationToken ct)
    {
        var call = await rcs.SendAsync(job.TenantId, Request(part) with { IdempotencyKey = idempotencyKey }, ct);
        return new(call.Result?.MessageId, call.Error);
    }

    public bool CarriesMedia(OutboundPart part) => Request(part).File is not null;

    public ConversationMessageRecorded Describe(AgentMessage job, ConversationMapping mapping, OutboundPart part, string providerMessageId,
        string partId, HostedMedia? media, string? archiveKey)
    {
        var request = Request(part);
        var (agentId, agentName) = AgentMessageHistory.Agent(job.Message);
        return new ConversationMessageRecorded(job.TenantId, mapping.ConversationId, mapping.CustomerId, null, null, null,
            HistoryDirections.Outbound, providerMessageId, partId,
            request.File is not null ? MediaType(media?.Mime) : request.RichCard is not null ? "richCard" : "text",
            request.Text ?? (request.RichCard is not null ? job.Message.Text : null),
            media is { ObjectKey: { } key } && request.File is not null ? new HistoryMedia(Buckets.MediaOutbound, key, media.Mime, null, null, media.Size) : null,
            null, null, null, mapping.ContactName, agentId, agentName, job.OccurredAt, archiveKey);
    }

    public async Task AfterSentAsync(AgentMessage job, ConversationMapping mapping, CancellationToken ct)
    {
        if (mapping.LastInboundMessageId is not { Length: > 0 } messageId || !readMarkers.TryClaim(job.TenantId, messageId))
        {
            return;
        }
        var error = await rcs.SendEventAsync(job.TenantId, new SendRcsEventRequest(job.Customer.Address, SendRcsEventRequest.Read, messageId), ct);
        if (error is not null)
        {
            readMarkers.Release(job.TenantId, messageId);
            logger.LogInformation("Could not mark RCS message {MessageId} read: {Code} {Message}", messageId, error.Code, error.Message);
        }
    }

    public async Task ShowEventAsync(string tenantId, GenesysOutboundMessage message, CustomerAddress customer, ConversationMapping? mapping,
        CancellationToken ct)
    {
        if (mapping is null || message.Events?.Any(e => e.EventType == GenesysEventType.Typing) != true)
        {
            logger.LogDebug("Genesys event {EventId} needs nothing shown on RCS", message.Id);
            return;
        }
        if (await rcs.SendEventAsync(tenantId, new SendRcsEventRequest(customer.Address, SendRcsEventRequest.IsTyping), ct) is { } error)
        {
            logger.LogInformation("Typing indicator not shown on RCS: {Code} {Message}", error.Code, error.Message);
        }
    }

    private static SendRcsMessageRequest Request(OutboundPart part) => ((RcsPart)part).Request;

    private static string MediaType(string? mime) => mime?.Split('/')[0] switch
    {
        "image" => "image",
        "video" => "video",
        "audio" => "audio",
        _ => "document",
    };
}
