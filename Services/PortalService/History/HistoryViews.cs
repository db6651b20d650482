namespace WhatsAppGenesys.PortalService.History;

/// <summary>One page of history; <see cref="NextCursor"/> fetches the next one, null on the last page.</summary>
public sealed record HistoryPage(IReadOnlyList<HistoryMessageView> Items, string? NextCursor);

/// <summary>A message as the console shows it. Media comes with a short-lived link made for this response.</summary>
public sealed record HistoryMessageView(
    Guid ConversationId,
    string CustomerId,
    string? WaId,
    string? Bsuid,
    string? PhoneNumberId,
    string Direction,
    string MessageId,
    string? GenesysMessageId,
    string Type,
    string? Text,
    HistoryMediaView? Media,
    HistoryTemplateView? Template,
    HistoryReactionView? Reaction,
    string? ReplyToMessageId,
    string? CustomerName,
    HistoryAgentView? Agent,
    DateTimeOffset OccurredAt,
    string? Status,
    DateTimeOffset? StatusAt,
    HistoryFailureView? Failure,
    IReadOnlyList<HistoryStatusView> Statuses);

public sealed record HistoryMediaView(string Url, DateTimeOffset UrlExpiresAt, string MimeType, string? Filename, string? Caption, long? Size);

public sealed record HistoryTemplateView(string Name, string? Language, IReadOnlyList<string> Parameters);

public sealed record HistoryReactionView(string? Emoji, string? MessageId);

public sealed record HistoryAgentView(string? Id, string? Name);

public sealed record HistoryFailureView(string? Code, string? Reason);

public sealed record HistoryStatusView(string Status, DateTimeOffset OccurredAt, HistoryFailureView? Failure);
