using Microsoft.EntityFrameworkCore;
using Npgsql;
using WhatsAppGenesys.Contracts.Events;
using WhatsAppGenesys.PortalService.Agents;
using WhatsAppGenesys.PortalService.Analytics;
using WhatsAppGenesys.PortalService.Data;

namespace WhatsAppGenesys.PortalService.History;

/// <summary>
/// Stores one message of the history, once: a redelivered event meets the row's unique index and changes nothing.
/// A customer message is then shown to every <see cref="IInboundMessageObserver"/>, on a redelivery again (they are
/// idempotent), so an observer that failed (the event is retried) or a crash before the ack means they are called
/// again. The analytics figures are added in the insert's transaction (<see cref="AnalyticsCounters"/>). Every
/// <see cref="IHistoryChangeListener"/> hears of the row once, right after the insert commits and before the
/// observers, so an observer that fails (and makes the event retry, which then finds the row stored) does not hold
/// it back or repeat it.
/// </summary>
public sealed class MessageRecorder(PortalDbContext db, IEnumerable<IInboundMessageObserver> observers, IEnumerable<IHistoryChangeListener> listeners,
    AgentReplyAttribution attribution, AnalyticsCounters counters, ResponseTimes responseTimes, TimeProvider clock, ILogger<MessageRecorder> logger)
{
    /// <param name="storeOnlyIf">
    /// Asked inside the insert's transaction before the row is written: false stores nothing
    /// (<see cref="HistoryRecording.Refused"/>). A lock it takes holds until the row commits, which is how a
    /// campaign send keeps an erasure of its customer from passing its history row by (<c>RecipientSender</c>).
    /// </param>
    public async Task<HistoryRecording> RecordAsync(ConversationMessageRecorded message, CancellationToken ct,
        HistoryStoreCondition? storeOnlyIf = null)
    {
        // Genesys's outbound webhook names the integration (channel.from), not the agent; a reply sent from the
        // portal has its author on record.
        var unattributed = message.Direction == HistoryDirections.Outbound && message.GenesysMessageId is not null;
        if (unattributed && await attribution.FindAsync(message.TenantId, message.GenesysMessageId) is { } author)
        {
            message = message with { AgentId = author.AgentId, AgentName = author.AgentName };
            unattributed = false;
        }
        HistoryMessageRow? row;
        try
        {
            // Inserted straight away rather than looked up first: a redelivery is rare, and the unique index on
            // (tenant, direction, message id) answers it for one statement less on every message.
            row = await InsertAsync(message, storeOnlyIf, ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // A redelivered event, or the other replica storing it at the same moment (a fail-over mid-message): the
            // insert that won counted it and told the listeners. The row this one tried is forgotten, so the
            // observers' own saves on this context do not try it again.
            logger.LogDebug("History message {MessageId} is already stored", message.MessageId);
            db.ChangeTracker.Clear();
            await NotifyObserversAsync(message, ct);
            return HistoryRecording.AlreadyStored;
        }
        if (row is null)
        {
            return HistoryRecording.Refused;
        }
        // Sent from the portal and stored before the sender remembered its author: look again now that the row is there.
        if (unattributed && await attribution.FindAsync(message.TenantId, message.GenesysMessageId) is { } late)
        {
            row.AgentId = late.AgentId;
            row.AgentName = late.AgentName;
            await db.SaveChangesAsync(ct);
        }
        var previous = await PreviousSequenceAsync(row, ct);
        foreach (var listener in listeners)
        {
            await listener.OnMessageStoredAsync(row, previous, ct);
        }
        await NotifyObserversAsync(message, ct);
        return HistoryRecording.Stored;
    }

    /// <summary>
    /// Stores the row and adds it to the analytics in one transaction: the figures count the message exactly when
    /// this insert happens, never on a redelivery nor when the insert loses a race (both meet the unique index and
    /// roll back).
    /// Null when <paramref name="storeOnlyIf"/> said no.
    /// </summary>
    private async Task<HistoryMessageRow?> InsertAsync(ConversationMessageRecorded message,
        HistoryStoreCondition? storeOnlyIf, CancellationToken ct)
    {
        // Aspire's context retries transient failures, so the transaction runs inside its execution strategy (retried whole).
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            if (storeOnlyIf is not null && !await storeOnlyIf(db, ct))
            {
                return null;
            }
            var row = HistoryRows.From(message, clock.GetUtcNow());
            // Statuses can overtake one of our messages (a later part of a split message is tracked before its event is
            // stored). A customer's message has no statuses, so it skips the query. A status being kept right now is
            // waited for (HistoryMessageLock), or it would neither be read here nor find this row.
            if (row.Direction == HistoryDirections.Outbound)
            {
                await HistoryMessageLock.TakeAsync(db, message.TenantId, message.MessageId, ct);
                var earlier = await db.Statuses.AsNoTracking()
                    .Where(s => s.TenantId == message.TenantId && s.MessageId == message.MessageId).ToListAsync(ct);
                if (StatusPrecedence.Strongest(earlier, s => s.Status) is { } strongest)
                {
                    HistoryRows.ApplyStatus(row, strongest.Status, strongest.OccurredAt, strongest.FailureCode, strongest.FailureReason);
                }
            }
            var figures = MessageFigures.ForNewMessage(row).ToList();
            // An agent's message answers the customer; a campaign's (no Genesys message behind it) answers nobody.
            if (row.Direction == HistoryDirections.Outbound && row.GenesysMessageId is not null)
            {
                figures.AddRange(await responseTimes.ForAgentMessageAsync(row, ct));
            }
            db.Messages.Add(row);
            await db.SaveChangesAsync(ct);
            await counters.AddAsync(figures, ct);
            await transaction.CommitAsync(ct);
            return row;
        });
    }

    // One customer's events are recorded one after another (the pipeline's ordering key), so the conversation's rows
    // before this one are all committed by now.
    private Task<long?> PreviousSequenceAsync(HistoryMessageRow row, CancellationToken ct) =>
        db.Messages.AsNoTracking()
            .Where(m => m.TenantId == row.TenantId && m.ConversationId == row.ConversationId && m.Id < row.Id)
            .MaxAsync(m => (long?)m.Id, ct);

    /// <summary>
    /// A customer message goes to the observers on every delivery of its event, a redelivery too: an observer that
    /// failed (the event is retried) or a crash before the ack is made good that way, and the observers are
    /// idempotent by message id, so remembering that they all had it would cost a write per message to spare them a
    /// rare repeat.
    /// </summary>
    private async Task NotifyObserversAsync(ConversationMessageRecorded message, CancellationToken ct)
    {
        if (message.Direction != HistoryDirections.Inbound)
        {
            return;
        }
        var observed = new InboundMessageObserved(message.TenantId, message.CustomerId, message.WaId, message.Bsuid, message.PhoneNumberId ?? "",
            message.MessageId, message.Type, message.Type == "text" ? message.Text : null, message.OccurredAt.ToUniversalTime());
        foreach (var observer in observers)
        {
            await observer.OnInboundMessageAsync(observed, ct);
        }
    }
}

/// <summary>
/// Asked inside a history row's insert transaction, on the recorder's own context (so on that transaction), before the
/// row is written; false stores nothing.
/// </summary>
public delegate Task<bool> HistoryStoreCondition(PortalDbContext db, CancellationToken ct);

/// <summary>What <see cref="MessageRecorder.RecordAsync"/> did with a message.</summary>
public enum HistoryRecording
{
    /// <summary>This call stored the row (and counted it).</summary>
    Stored,

    /// <summary>The row was there already: a redelivery, or another replica stored it at the same moment.</summary>
    AlreadyStored,

    /// <summary>The caller's condition said no; nothing was stored.</summary>
    Refused,
}
