using WhatsAppGenesys.Contracts;
using WhatsAppGenesys.Contracts.Events;

namespace WhatsAppGenesys.PortalService.History;

/// <summary>From history events to rows.</summary>
public static class HistoryRows
{
    public static HistoryMessageRow From(ConversationMessageRecorded message, DateTimeOffset now) => new()
    {
        TenantId = message.TenantId,
        ConversationId = message.ConversationId,
        CustomerId = message.CustomerId,
        WaId = message.WaId,
        Bsuid = message.Bsuid,
        PhoneNumberId = message.PhoneNumberId,
        Direction = message.Direction,
        MessageId = message.MessageId,
        GenesysMessageId = message.GenesysMessageId,
        Type = message.Type,
        Text = message.Text,
        SearchText = SearchTextOf(message.Text, message.Media?.Caption, message.Template?.Name),
        MediaBucket = message.Media?.Bucket,
        MediaKey = message.Media?.Key,
        MediaMimeType = message.Media?.MimeType,
        MediaFilename = message.Media?.Filename,
        MediaCaption = message.Media?.Caption,
        MediaSize = message.Media?.Size,
        TemplateName = message.Template?.Name,
        TemplateLanguage = message.Template?.Language,
        TemplateParameters = message.Template?.Parameters.ToList(),
        ReactionEmoji = message.Reaction?.Emoji,
        ReactionMessageId = message.Reaction?.TargetMessageId,
        ReplyToMessageId = message.ReplyToMessageId,
        CustomerName = message.CustomerName,
        AgentId = message.AgentId,
        AgentName = message.AgentName,
        // timestamptz takes UTC only; a provider time with an offset is the same instant.
        OccurredAt = message.OccurredAt.ToUniversalTime(),
        ArchiveBucket = message.ArchiveKey is null ? null
            : message.Direction == HistoryDirections.Inbound ? Buckets.WebhooksInbound : Buckets.WebhooksGenesys,
        ArchiveKey = message.ArchiveKey,
        RecordedAt = now,
    };

    public static HistoryStatusRow From(ConversationMessageStatusChanged status, DateTimeOffset now) => new()
    {
        TenantId = status.TenantId,
        CustomerId = status.CustomerId,
        MessageId = status.MessageId,
        Status = status.Status,
        OccurredAt = status.OccurredAt.ToUniversalTime(),
        FailureCode = status.FailureCode,
        FailureReason = status.FailureReason,
        RecordedAt = now,
    };

    public static void ApplyStatus(HistoryMessageRow row, string status, DateTimeOffset at, string? failureCode, string? failureReason)
    {
        row.Status = status;
        row.StatusAt = at;
        row.FailureCode = failureCode;
        row.FailureReason = failureReason;
    }

    private static string? SearchTextOf(params string?[] parts) =>
        string.Join('\n', parts.Where(p => !string.IsNullOrWhiteSpace(p))) is { Length: > 0 } text ? text : null;
}
