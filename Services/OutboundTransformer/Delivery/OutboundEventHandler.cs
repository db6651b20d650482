using System.Globalization;
using System.Text.Json;
using WhatsAppGenesys.Clients.State;
using WhatsAppGenesys.Clients.Tenancy;
using WhatsAppGenesys.Contracts.Events;
using WhatsAppGenesys.Contracts.Genesys;
using WhatsAppGenesys.Contracts.State;
using WhatsAppGenesys.Contracts.Tenancy;
using WhatsAppGenesys.Messaging.Handling;
using WhatsAppGenesys.Messaging.Publishing;
using WhatsAppGenesys.OutboundTransformer.Channels;
using WhatsAppGenesys.OutboundTransformer.Channels.WhatsApp;
using WhatsAppGenesys.ServiceDefaults;

namespace WhatsAppGenesys.OutboundTransformer.Delivery;

/// <summary>
/// One Genesys outbound webhook from the queue to the customer (docs/outbound.md), on the customer's channel (their
/// id says which: <see cref="CustomerAddress"/>; for a number linked across WhatsApp and RCS, the channel they last
/// wrote on: <see cref="LinkedChannels"/>): ledger check on the Genesys message id, the customer's conversation,
/// the channel's plan (<see cref="IOutboundChannel"/>), sending part by part, the provider's message id recorded.
/// Anything that cannot be sent becomes a Failed receipt for the agent. The pipeline runs one customer's messages one
/// after another, so a retried message holds back the ones behind it and order holds.
/// </summary>
public sealed class OutboundEventHandler(
    ITenantDirectory tenants,
    StateManagerClient state,
    OutboundChannels channels,
    DeliveryOutcomes outcomes,
    IConversationHistoryPublisher history,
    OutboundMetrics metrics,
    TimeProvider clock,
    ILogger<OutboundEventHandler> logger) : IMessageHandler<GenesysEventReceived>
{
    public async ValueTask<MessageOutcome> HandleAsync(GenesysEventReceived received, MessageContext context, CancellationToken ct)
    {
        context.TenantId = received.TenantId;
        using var scope = logger.BeginTenantScope(received.TenantId);
        var tenant = await tenants.FindByIdAsync(received.TenantId, ct);
        if (tenant is not { IsActive: true })
        {
            // Queued while the tenant was active; parked (not dropped) so an operator can replay it after reactivation.
            return MessageOutcome.Poison($"Tenant {received.TenantId} is unknown or inactive");
        }
        var message = received.Payload.Deserialize<GenesysOutboundMessage>(GenesysJson.Options) ?? throw new JsonException("Empty payload");
        if (message.Type == GenesysMessageType.Receipt)
        {
            // Genesys's receipts about customer messages come on the same webhook: nothing to send.
            logger.LogDebug("Genesys receipt {Status} for message {MessageId}", message.Status, message.Id);
            return MessageOutcome.Success;
        }

        if (message.Type == GenesysMessageType.Event)
        {
            var (to, found) = await RouteAsync(received, ct);
            if (Unreachable(tenant, to) is { } parked)
            {
                return parked;
            }
            await channels.For(to).ShowEventAsync(received.TenantId, message, to, found, ct);
            return MessageOutcome.Success;
        }

        var job = new AgentMessage(tenant, CustomerAddress.Parse(received.CustomerId), message.Id is { Length: > 0 } id ? id : received.EventId,
            message.Channel?.To ?? new GenesysRecipient { Id = received.CustomerId }, message,
            message.Channel?.Time is { } time && time != default ? time : received.ReceivedAt);
        try
        {
            var (customer, mapping) = await RouteAsync(received, ct);
            if (Unreachable(tenant, customer) is { } parked)
            {
                return parked;
            }
            job = job with { Customer = customer };
            return await DeliverAsync(job, channels.For(customer), mapping, received, context, ct);
        }
        catch (Exception ex) when (ex is not (OperationCanceledException or JsonException) && context.Attempt >= outcomes.MaxAttempts)
        {
            // The last attempt failed on our side (state manager down, say): the agent still hears about it.
            await outcomes.ReportExhaustedAsync(job, ex.Message, ct);
            throw;
        }
    }

    /// <summary>
    /// The customer's conversation and where the reply goes: the id names the channel, unless the conversation is a
    /// number linked across WhatsApp and RCS, which is answered where the customer last wrote (<see cref="LinkedChannels"/>).
    /// </summary>
    private async Task<(CustomerAddress Customer, ConversationMapping? Mapping)> RouteAsync(GenesysEventReceived received, CancellationToken ct)
    {
        var known = CustomerAddress.Parse(received.CustomerId);
        var mapping = await FindCustomerAsync(received, known, ct);
        return (LinkedChannels.ReplyTo(known, mapping?.LastInboundChannel), mapping);
    }

    /// <summary>
    /// A WhatsApp customer of a tenant without WhatsApp: parked (not dropped), so an operator can replay it once the
    /// tenant is configured. An RCS customer needs no WhatsApp configuration; a missing RCS one is the agent's Failed
    /// receipt (<see cref="Channels.Rcs.RcsChannel"/>).
    /// </summary>
    private static MessageOutcome? Unreachable(TenantResolution tenant, CustomerAddress customer) =>
        !customer.IsRcs && tenant.WhatsApp is null ? MessageOutcome.Poison($"Tenant {tenant.TenantId} has no WhatsApp configuration") : null;

    private async Task<MessageOutcome> DeliverAsync(AgentMessage job, IOutboundChannel channel, ConversationMapping? known,
        GenesysEventReceived received, MessageContext context, CancellationToken ct)
    {
        // An agent writing first (a template to a customer we have not heard from, an agentless text) opens the conversation.
        var mapping = known ?? await state.EnsureMappingAsync(job.TenantId, channel.NewCustomer(job.Customer, job.Tenant), ct);
        var ledger = await state.RecordMessageAsync(job.TenantId, new RecordMessageRequest(MessageDirection.Outbound, job.GenesysId,
            mapping.CustomerId, mapping.ConversationId, job.OccurredAt, GenesysMessageId: job.GenesysId), ct);
        if (ledger.Message.Status != MessageStatus.Received)
        {
            // Sent (or reported failed) before: Genesys's webhook retry, or our own redelivery after a crash.
            metrics.Duplicate(job.TenantId);
            logger.LogInformation("Agent message {MessageId} already handled ({Status}); not sending again", job.GenesysId, ledger.Message.Status);
            return MessageOutcome.Success;
        }

        switch (await channel.PlanAsync(job, mapping, ct))
        {
            case ChannelPlan.Refuse refuse:
                return await outcomes.FailAsync(job, refuse.Reason, refuse.Message, ct);
            case ChannelPlan.Transient transient:
                return await outcomes.RetryOrGiveUpAsync(job, context, transient.Code, transient.Detail, null, GenesysReasonCode.GeneralError, ct);
            case ChannelPlan.Send send:
                return await SendAsync(job, channel, mapping, send, received.ArchiveKey, context, ct);
            case var nothing:
                logger.LogInformation("Agent message {MessageId}: nothing to send ({Plan})", job.GenesysId, nothing);
                return MessageOutcome.Success;
        }
    }

    /// <summary>
    /// Sends each part of the plan in order, under the idempotency key <c>genesys:{partId}</c>. The first is recorded
    /// on the ledger row of the Genesys message (once every part went out, so a redelivery after a crash in between
    /// resumes instead of stopping); later ones get rows of their own (<c>{id}#2</c>…) as they go, so their statuses
    /// are found too and a resumed send skips them. The history gets every part before the ledger row says Sent, so a
    /// crash in between republishes rather than loses.
    /// </summary>
    private async Task<MessageOutcome> SendAsync(AgentMessage job, IOutboundChannel channel, ConversationMapping mapping, ChannelPlan.Send plan,
        string? archiveKey, MessageContext context, CancellationToken ct)
    {
        var sentIds = new string[plan.Parts.Count];
        for (var i = 0; i < plan.Parts.Count; i++)
        {
            var partId = PartId(job, i);
            if (i > 0 && await state.FindMessageAsync(job.TenantId, MessageDirection.Outbound, partId, ct) is { WhatsAppMessageId: { } sentBefore })
            {
                sentIds[i] = sentBefore;
                continue;
            }
            var call = await channel.SendAsync(job, mapping, plan.Parts[i], $"genesys:{partId}", ct);
            if (call.Error is { } error)
            {
                return error.Retryable
                    ? await outcomes.RetryOrGiveUpAsync(job, context, error.Code, error.Message, OutboundBackoff.For(error, context.Attempt), FailureReceipts.ReasonOf(error), ct)
                    : await outcomes.FailAsync(job, FailureReceipts.ReasonOf(error), error.Message, ct);
            }
            sentIds[i] = call.Result!;
            if (i > 0)
            {
                // The ledger's provider message id column (WhatsAppMessageId, "wamid") holds RBM's message id for RCS.
                await state.RecordMessageAsync(job.TenantId, new RecordMessageRequest(MessageDirection.Outbound, partId, mapping.CustomerId,
                    mapping.ConversationId, job.OccurredAt, WhatsAppMessageId: sentIds[i], GenesysMessageId: job.GenesysId), ct);
            }
        }

        // One history event per part; the attachment goes with the first part that carries a file.
        var mediaPart = plan.Media is null ? -1 : plan.Parts.ToList().FindIndex(channel.CarriesMedia);
        for (var i = 0; i < plan.Parts.Count; i++)
        {
            await history.PublishAsync(channel.Describe(job, mapping, plan.Parts[i], sentIds[i], PartId(job, i),
                i == mediaPart ? plan.Media : null, archiveKey), ct);
        }
        await state.UpdateStatusAsync(job.TenantId, MessageDirection.Outbound, job.GenesysId,
            new UpdateMessageStatusRequest(MessageStatus.Sent, WhatsAppMessageId: sentIds[0]), ct);
        metrics.Sent(job.TenantId, clock.GetUtcNow() - job.OccurredAt);
        await channel.AfterSentAsync(job, mapping, ct);
        return MessageOutcome.Success;
    }

    private static string PartId(AgentMessage job, int index) =>
        index == 0 ? job.GenesysId : $"{job.GenesysId}#{(index + 1).ToString(CultureInfo.InvariantCulture)}";

    /// <summary>By the customer's id (WhatsApp's without the "+" Genesys echoes), else by the Genesys conversation id.</summary>
    private async Task<ConversationMapping?> FindCustomerAsync(GenesysEventReceived received, CustomerAddress customer, CancellationToken ct) =>
        await state.FindMappingAsync(received.TenantId, customer.IsRcs ? customer.CustomerId : WhatsAppChannel.CustomerKey(received.CustomerId), ct)
        ?? (received.ConversationId is { Length: > 0 } conversation ? await state.FindConversationAsync(received.TenantId, conversation, ct) : null);
}
