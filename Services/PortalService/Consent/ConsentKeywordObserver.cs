using Microsoft.EntityFrameworkCore;
using WhatsAppGenesys.PortalService.Campaigns;
using WhatsAppGenesys.PortalService.Contacts;
using WhatsAppGenesys.PortalService.Data;
using WhatsAppGenesys.PortalService.History;
using WhatsAppGenesys.PortalService.Settings;
using WhatsAppGenesys.ServiceDefaults;

namespace WhatsAppGenesys.PortalService.Consent;

/// <summary>
/// A customer's text that is one of the tenant's opt-out keywords opts them out (a contact is created for a customer
/// the tenant did not know); an opt-in keyword subscribes them (again). Either is recorded in the consent history under
/// the message's id and acknowledged with the tenant's text. Seen twice, a message is recorded once and acknowledged
/// once: the history row is found by its message id and says whether the acknowledgement went out. An opt-out is
/// also credited to the campaign message the customer got last within 24 hours (<see cref="CampaignResponses"/>,
/// once per recipient, so seeing the message again counts nothing).
/// </summary>
public sealed class ConsentKeywordObserver(
    PortalDbContext db,
    PortalSettingsStore settingsStore,
    ConsentRecorder recorder,
    ConsentAcknowledgements acknowledgements,
    CampaignResponses campaignResponses,
    TimeProvider clock,
    ILogger<ConsentKeywordObserver> logger) : IInboundMessageObserver
{
    public async Task OnInboundMessageAsync(InboundMessageObserved message, CancellationToken cancellationToken)
    {
        if (message.Text is null || (message.WaId is null && message.Bsuid is null))
        {
            return;
        }
        var settings = await settingsStore.GetAsync(message.TenantId, cancellationToken);
        var keyword = KeywordMatcher.Match(message.Text, settings);
        if (keyword == ConsentKeyword.None)
        {
            return;
        }
        using var scope = logger.BeginTenantScope(message.TenantId);

        var entry = await recorder.FindByMessageAsync(message.TenantId, message.MessageId, cancellationToken);
        if (entry is null)
        {
            if (await FindOrAddContactAsync(message, cancellationToken) is not { } contact)
            {
                logger.LogWarning("Keyword message {MessageId} names no valid phone number or BSUID", message.MessageId);
                return;
            }
            entry = await recorder.RecordAsync(contact, keyword == ConsentKeyword.OptIn, ConsentSources.Keyword, message.MessageId,
                message.Text.Trim(), cancellationToken);
            logger.LogInformation("Customer {CustomerId} {Action} by keyword (message {MessageId})", message.CustomerId, entry.Action, message.MessageId);
        }
        if (entry.Action == ConsentActions.OptedOut)
        {
            await campaignResponses.OptedOutAsync(message.TenantId, message.WaId, message.Bsuid, message.OccurredAt, cancellationToken);
        }
        if (entry.AcknowledgedAt is not null)
        {
            return;
        }

        var text = entry.Action == ConsentActions.OptedOut ? settings.OptOutAcknowledgement : settings.OptInAcknowledgement;
        var call = await acknowledgements.SendAsync(message.TenantId, message.WaId, message.Bsuid, message.PhoneNumberId, message.MessageId, text, cancellationToken);
        if (call.Result is { } sent)
        {
            await recorder.MarkAcknowledgedAsync(entry.Id, sent.Wamid, cancellationToken);
        }
        else if (call.Error is { Retryable: true } retryable)
        {
            // The history event is retried; the consent is already recorded and the acknowledgement follows then.
            throw new InvalidOperationException($"Acknowledgement of {message.MessageId} not sent yet: {retryable.Code} {retryable.Message}");
        }
        else
        {
            logger.LogWarning("Acknowledgement of {MessageId} refused: {Code} {Message}", message.MessageId, call.Error?.Code, call.Error?.Message);
        }
    }

    /// <summary>The tracked contact with the customer's number (else BSUID), or a new one, still unsaved, known by both; null when the message names neither validly.</summary>
    private async Task<Contact?> FindOrAddContactAsync(InboundMessageObserved message, CancellationToken ct)
    {
        var phone = message.WaId is { } waId ? PhoneNumbers.Normalize("+" + waId).E164 : null;
        var contact = phone is not null
            ? await db.Contacts.FirstOrDefaultAsync(c => c.TenantId == message.TenantId && c.PhoneNumber == phone, ct)
            : null;
        if (contact is null && message.Bsuid is { } bsuid)
        {
            contact = await db.Contacts.FirstOrDefaultAsync(c => c.TenantId == message.TenantId && c.Bsuid == bsuid, ct);
        }
        if (contact is not null)
        {
            return contact;
        }
        var now = clock.GetUtcNow();
        contact = new Contact
        {
            Id = Guid.CreateVersion7(now),
            TenantId = message.TenantId,
            PhoneNumber = phone,
            Bsuid = Bsuids.IsValid(message.Bsuid) ? message.Bsuid : null,
            ConsentStatus = ConsentStatus.OptedIn,
            ConsentSource = ConsentSources.Keyword,
            ConsentChangedAt = now,
            CreatedAt = now,
            UpdatedAt = now,
        };
        if (contact.PhoneNumber is null && contact.Bsuid is null)
        {
            return null;
        }
        db.Contacts.Add(contact);
        return contact;
    }
}
