using System.Globalization;
using System.Text.Json;
using WhatsAppGenesys.Clients.Providers;
using WhatsAppGenesys.Clients.State;
using WhatsAppGenesys.Clients.Tenancy;
using WhatsAppGenesys.Contracts.Events;
using WhatsAppGenesys.Contracts.Genesys;
using WhatsAppGenesys.Contracts.Meta;
using WhatsAppGenesys.Contracts.Providers;
using WhatsAppGenesys.Contracts.State;
using WhatsAppGenesys.Contracts.Tenancy;
using WhatsAppGenesys.Messaging;
using WhatsAppGenesys.Messaging.Handling;
using WhatsAppGenesys.Messaging.Publishing;
using WhatsAppGenesys.OutboundTransformer.History;
using WhatsAppGenesys.OutboundTransformer.Mapping;
using WhatsAppGenesys.OutboundTransformer.Media;
using WhatsAppGenesys.ServiceDefaults;

namespace WhatsAppGenesys.OutboundTransformer.Delivery;

/// <summary>
/// One Genesys outbound webhook from the queue to the customer (seed 004's outbound flow): ledger check on the
/// Genesys message id, the customer's conversation, the 24-hour window, the attachment re-hosted, mapping, sending
/// through the WhatsApp API service, the wamid recorded. Anything that cannot be sent becomes a Failed receipt for
/// the agent. The pipeline runs one customer's messages one after another, so a retried message holds back the
/// ones behind it and order holds.
/// </summary>
public sealed class OutboundEventHandler(
    ITenantDirectory tenants,
    StateManagerClient state,
    WhatsAppApiClient whatsapp,
    OutboundMediaStore media,
    FailureReceipts failures,
    ReadMarkers readMarkers,
    PipelineRegistry pipelines,
    IConversationHistoryPublisher history,
    OutboundMetrics metrics,
    TimeProvider clock,
    ILogger<OutboundEventHandler> logger) : IMessageHandler<GenesysEventReceived>
{
    private int MaxAttempts => pipelines.Get(Pipelines.Outbound).MaxAttempts;

    public async ValueTask<MessageOutcome> HandleAsync(GenesysEventReceived received, MessageContext context, CancellationToken ct)
    {
        context.TenantId = received.TenantId;
        using var scope = logger.BeginTenantScope(received.TenantId);
        var tenant = await tenants.FindByIdAsync(received.TenantId, ct);
        if (tenant is not { IsActive: true, WhatsApp: { } whatsApp })
        {
            // Queued while the tenant was active; parked (not dropped) so an operator can replay it after reactivation.
            return MessageOutcome.Poison($"Tenant {received.TenantId} is unknown, inactive or has no WhatsApp configuration");
        }
        var message = received.Payload.Deserialize<GenesysOutboundMessage>(GenesysJson.Options) ?? throw new JsonException("Empty payload");

        switch (message.Type)
        {
            case GenesysMessageType.Receipt:
                // Genesys's receipts about customer messages (wire-formats 2B.6): nothing to do on WhatsApp.
                logger.LogDebug("Genesys receipt {Status} for message {MessageId}", message.Status, message.Id);
                return MessageOutcome.Success;
            case GenesysMessageType.Event:
                await ShowTypingAsync(received, message, ct);
                return MessageOutcome.Success;
        }

        var job = new AgentMessage(received.TenantId, whatsApp, message.Id is { Length: > 0 } id ? id : received.EventId,
            message.Channel?.To ?? new GenesysRecipient { Id = received.CustomerId }, message,
            message.Channel?.Time is { } time && time != default ? time : received.ReceivedAt);
        try
        {
            return await DeliverAsync(job, received, context, ct);
        }
        catch (Exception ex) when (ex is not (OperationCanceledException or JsonException) && context.Attempt >= MaxAttempts)
        {
            // The last attempt failed on our side (state manager down, say): the agent still hears about it.
            await ReportExhaustedAsync(job, ex.Message, ct);
            throw;
        }
    }

    private async Task<MessageOutcome> DeliverAsync(AgentMessage job, GenesysEventReceived received, MessageContext context, CancellationToken ct)
    {
        var mapping = await FindCustomerAsync(received, ct) ?? await state.EnsureMappingAsync(job.TenantId, NewCustomer(received, job.WhatsApp), ct);
        var ledger = await state.RecordMessageAsync(job.TenantId, new RecordMessageRequest(MessageDirection.Outbound, job.GenesysId,
            mapping.CustomerId, mapping.ConversationId, job.OccurredAt, GenesysMessageId: job.GenesysId), ct);
        if (ledger.Message.Status != MessageStatus.Received)
        {
            // Sent (or reported failed) before: Genesys's webhook retry, or our own redelivery after a crash.
            metrics.Duplicate(job.TenantId);
            logger.LogInformation("Agent message {MessageId} already handled ({Status}); not sending again", job.GenesysId, ledger.Message.Status);
            return MessageOutcome.Success;
        }

        var now = clock.GetUtcNow();
        HostedMedia? hosted = null;
        if (OutboundMedia.Describe(job.Message) is { } attachment)
        {
            // No download for a message the window refuses anyway (templates are exempt from it).
            if (!IsTemplate(job.Message) && CustomerServiceWindow.Check(mapping.LastInboundAt, now) is { } expired)
            {
                return await FailAsync(job, expired.Reason, expired.Message, ct);
            }
            var prepared = await media.PrepareAsync(job.TenantId, attachment, ct);
            if (prepared.TransientFailure is { } transient)
            {
                return await RetryOrGiveUpAsync(job, context, "media", transient, null, GenesysReasonCode.GeneralError, ct);
            }
            if (prepared.Rejection is { } refused)
            {
                return await FailAsync(job, refused.Reason, refused.Message, ct);
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
        switch (plan)
        {
            case OutboundPlan.Reject reject:
                return await FailAsync(job, reject.Reason, reject.Message, ct);
            case OutboundPlan.Send send:
                return await SendAsync(job, mapping, send, hosted, received.ArchiveKey, context, ct);
            default:
                logger.LogInformation("Agent message {MessageId} needs no WhatsApp request: {Plan}", job.GenesysId, plan);
                return MessageOutcome.Success;
        }
    }

    /// <summary>
    /// Sends each request of the plan in order. The first is recorded on the ledger row of the Genesys message (once
    /// every part went out, so a redelivery after a crash in between resumes instead of stopping); later ones get rows
    /// of their own (<c>{id}#2</c>…) as they go, so their statuses are found too and a resumed send skips them. The
    /// history gets every part before the ledger row says Sent, so a crash in between republishes rather than loses.
    /// </summary>
    private async Task<MessageOutcome> SendAsync(AgentMessage job, ConversationMapping mapping, OutboundPlan.Send plan, HostedMedia? hosted,
        string? archiveKey, MessageContext context, CancellationToken ct)
    {
        var wamids = new string[plan.Messages.Count];
        for (var i = 0; i < plan.Messages.Count; i++)
        {
            var partId = PartId(job, i);
            if (i > 0 && await state.FindMessageAsync(job.TenantId, MessageDirection.Outbound, partId, ct) is { WhatsAppMessageId: { } sentBefore })
            {
                wamids[i] = sentBefore;
                continue;
            }
            var call = await whatsapp.SendAsync(job.TenantId, new WhatsAppSendRequest($"genesys:{partId}",
                JsonSerializer.SerializeToElement(plan.Messages[i], MetaJson.Options), mapping.PhoneNumberId), ct);
            if (call.Error is { } error)
            {
                return error.Retryable
                    ? await RetryOrGiveUpAsync(job, context, error.Code, error.Message, Backoff(error, context.Attempt), FailureReceipts.ReasonOf(error), ct)
                    : await FailAsync(job, FailureReceipts.ReasonOf(error), error.Message, ct);
            }
            wamids[i] = call.Result!.Wamid;
            if (i > 0)
            {
                await state.RecordMessageAsync(job.TenantId, new RecordMessageRequest(MessageDirection.Outbound, partId, mapping.CustomerId,
                    mapping.ConversationId, job.OccurredAt, WhatsAppMessageId: wamids[i], GenesysMessageId: job.GenesysId), ct);
            }
        }

        await RecordHistoryAsync(job, mapping, plan, wamids, hosted, archiveKey, ct);
        await state.UpdateStatusAsync(job.TenantId, MessageDirection.Outbound, job.GenesysId,
            new UpdateMessageStatusRequest(MessageStatus.Sent, WhatsAppMessageId: wamids[0]), ct);
        metrics.Sent(job.TenantId, clock.GetUtcNow() - job.OccurredAt);
        await MarkCustomerMessageReadAsync(job.TenantId, mapping, ct);
        return MessageOutcome.Success;
    }

    /// <summary>One history event per part Meta accepted; the attachment goes with the first part that carries a file.</summary>
    private async Task RecordHistoryAsync(AgentMessage job, ConversationMapping mapping, OutboundPlan.Send plan, string[] wamids,
        HostedMedia? hosted, string? archiveKey, CancellationToken ct)
    {
        var mediaPart = hosted is null ? -1 : plan.Messages.ToList().FindIndex(AgentMessageHistory.CarriesMedia);
        for (var i = 0; i < plan.Messages.Count; i++)
        {
            await history.PublishAsync(AgentMessageHistory.Describe(job.TenantId, mapping, job.Message, plan.Messages[i], wamids[i], PartId(job, i),
                i == mediaPart ? hosted : null, job.OccurredAt, archiveKey), ct);
        }
    }

    private static string PartId(AgentMessage job, int index) =>
        index == 0 ? job.GenesysId : $"{job.GenesysId}#{(index + 1).ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The agent answered: the customer sees blue ticks on their last message (best effort, once per message).</summary>
    private async Task MarkCustomerMessageReadAsync(string tenantId, ConversationMapping mapping, CancellationToken ct)
    {
        if (mapping.LastInboundMessageId is not { Length: > 0 } wamid || !readMarkers.TryClaim(tenantId, wamid))
        {
            return;
        }
        var call = await whatsapp.MarkReadAsync(tenantId, new WhatsAppMarkReadRequest(wamid, PhoneNumberId: mapping.PhoneNumberId), ct);
        if (call.Error is { } error)
        {
            readMarkers.Release(tenantId, wamid);
            logger.LogInformation("Could not mark {Wamid} read: {Code} {Message}", wamid, error.Code, error.Message);
        }
    }

    /// <summary>Typing → mark-as-read with the typing indicator on the customer's last message. Momentary: never retried.</summary>
    private async Task ShowTypingAsync(GenesysEventReceived received, GenesysOutboundMessage message, CancellationToken ct)
    {
        var mapping = await FindCustomerAsync(received, ct);
        var plan = OutboundMessageMapper.Map(message, new OutboundMappingContext
        {
            Now = clock.GetUtcNow(),
            LastCustomerMessageAt = mapping?.LastInboundAt,
            LastCustomerMessageId = mapping?.LastInboundMessageId,
        });
        if (plan is not OutboundPlan.MarkAsRead read)
        {
            logger.LogDebug("Event {EventId} needs no WhatsApp request: {Plan}", received.EventId, plan);
            return;
        }
        var call = await whatsapp.MarkReadAsync(received.TenantId,
            new WhatsAppMarkReadRequest(read.Request.MessageId, TypingIndicator: read.Request.TypingIndicator is not null, mapping?.PhoneNumberId), ct);
        if (call.Error is { } error)
        {
            logger.LogInformation("Typing indicator not shown: {Code} {Message}", error.Code, error.Message);
            return;
        }
        readMarkers.TryClaim(received.TenantId, read.Request.MessageId);
    }

    private async Task<MessageOutcome> FailAsync(AgentMessage job, GenesysReasonCode reason, string message, CancellationToken ct) =>
        await failures.ReportAsync(job.TenantId, job.GenesysId, job.Customer, reason, message, ct) is { } error
            ? MessageOutcome.Retry($"The Failed receipt did not reach Genesys: {error.Code} {error.Message}",
                error.RetryAfterSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null)
            : MessageOutcome.Success;

    /// <summary>
    /// A transient failure goes back to the delay queue; on the pipeline's last attempt the agent gets the Failed
    /// receipt first, and the message then lands in the dead-letter queue, from where an operator can replay it.
    /// </summary>
    private async Task<MessageOutcome> RetryOrGiveUpAsync(AgentMessage job, MessageContext context, string code, string detail,
        TimeSpan? retryAfter, GenesysReasonCode reason, CancellationToken ct)
    {
        var why = $"{code}: {detail}";
        if (context.Attempt >= MaxAttempts)
        {
            await ReportExhaustedAsync(job, why, ct, reason);
        }
        else
        {
            metrics.Retried(job.TenantId, code);
        }
        return MessageOutcome.Retry(why, retryAfter);
    }

    private async Task ReportExhaustedAsync(AgentMessage job, string why, CancellationToken ct, GenesysReasonCode reason = GenesysReasonCode.ServerError)
    {
        try
        {
            await failures.ReportAsync(job.TenantId, job.GenesysId, job.Customer, reason,
                $"Not sent after {MaxAttempts} attempts; the last error was {why}", ct, markLedgerFailed: false);
        }
        catch (HttpRequestException ex)
        {
            logger.LogError("Could not report agent message {MessageId} as failed: {Reason}", job.GenesysId, ex.Message);
        }
    }

    /// <summary>
    /// Throttles (130429, 131056, 80007, 4…) need more room than the pipeline's plain back-off: 2 s doubling per
    /// attempt up to a minute, or Meta's Retry-After when longer. Other errors take the pipeline's back-off.
    /// </summary>
    public static TimeSpan? Backoff(ProviderError error, int attempt)
    {
        var hint = error.RetryAfterSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null;
        var throttled = error.Provider == ProviderNames.Meta && int.TryParse(error.Code, NumberStyles.None, CultureInfo.InvariantCulture, out var code)
            && MetaErrorCatalog.Classify(code).BackOff;
        if (!throttled)
        {
            return hint;
        }
        var backoff = TimeSpan.FromSeconds(Math.Min(60, 2 * Math.Pow(2, Math.Clamp(attempt - 1, 0, 10))));
        return hint > backoff ? hint : backoff;
    }

    private async Task<ConversationMapping?> FindCustomerAsync(GenesysEventReceived received, CancellationToken ct) =>
        await state.FindMappingAsync(received.TenantId, CustomerKey(received.CustomerId), ct)
        ?? (received.ConversationId is { Length: > 0 } conversation ? await state.FindConversationAsync(received.TenantId, conversation, ct) : null);

    /// <summary>An agent writing first (a template to a customer we have not heard from) opens the conversation.</summary>
    private static EnsureMappingRequest NewCustomer(GenesysEventReceived received, WhatsAppSettings whatsApp)
    {
        var key = CustomerKey(received.CustomerId);
        var isPhone = key.All(char.IsAsciiDigit);
        return new EnsureMappingRequest(key, isPhone ? key : null, isPhone ? null : key, null, whatsApp.PhoneNumberIds.FirstOrDefault(), whatsApp.DisplayPhoneNumber);
    }

    /// <summary>Genesys gives back the id we sent inbound: "+&lt;wa_id&gt;" or the BSUID; the state manager keys on wa_id or BSUID.</summary>
    private static string CustomerKey(string genesysCustomerId) =>
        genesysCustomerId.StartsWith('+') ? genesysCustomerId[1..] : genesysCustomerId;

    private static bool IsTemplate(GenesysOutboundMessage message) =>
        message.Content?.Any(c => c.ContentType == GenesysContentType.Notification && c.Template is not null) == true;

    private sealed record AgentMessage(string TenantId, WhatsAppSettings WhatsApp, string GenesysId, GenesysRecipient Customer,
        GenesysOutboundMessage Message, DateTimeOffset OccurredAt);
}
