using WhatsAppGenesys.Contracts.Agents;
using WhatsAppGenesys.Contracts.Events;
using WhatsAppGenesys.PortalService.History;

namespace WhatsAppGenesys.PortalService.Agents;

/// <summary>
/// History rows and status moves as the agent portal sees them, the same for the API's pages and the hub's pushes.
/// A message's <see cref="AgentMessage.Sequence"/> is its row id; media comes with a presigned link made now.
/// </summary>
public sealed class AgentMessageMapper(MediaLinks links)
{
    public async Task<AgentMessage> MessageAsync(HistoryMessageRow row) => Message(row, await links.ForAsync(row));

    public static AgentMessage Message(HistoryMessageRow row, HistoryMediaView? media) => new(
        row.Id,
        row.ConversationId,
        row.MessageId,
        row.Direction,
        row.Type,
        row.Text,
        media is null ? null : new AgentMessageMedia(media.Url, media.MimeType, media.Filename, media.Caption),
        row.TemplateName,
        row.CustomerName,
        row.AgentName,
        row.OccurredAt,
        row.Status,
        row.Status == HistoryStatuses.Failed ? FailureInWords(row.FailureCode, row.FailureReason) : null);

    public static AgentMessageStatus Status(HistoryStatusMove move) => new(
        move.ConversationId,
        move.MessageId,
        move.Status,
        move.Status == HistoryStatuses.Failed ? FailureInWords(move.FailureCode, move.FailureReason) : null,
        move.OccurredAt);

    /// <summary>Meta's reason as it wrote it; only its error code when it gave no reason.</summary>
    public static string? FailureInWords(string? code, string? reason) =>
        !string.IsNullOrWhiteSpace(reason) ? reason
        : !string.IsNullOrWhiteSpace(code) ? $"WhatsApp error {code}"
        : null;
}
