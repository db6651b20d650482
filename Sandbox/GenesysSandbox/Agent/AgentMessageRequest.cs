namespace WhatsAppGenesys.GenesysSandbox.Agent;

/// <summary>
/// What the simulated agent sends (POST /sandbox/conversations/{id}/agent-messages): text, or one of an attachment,
/// quick replies, a WhatsApp template notification or a typing event (text may accompany the first three).
/// <paramref name="Time"/> is the agent's clock for this message (<c>channel.time</c>), now when absent: a test can
/// place a whole conversation in a past hour, as its customer's messages carry Meta timestamps of its choosing.
/// </summary>
public sealed record AgentMessageRequest(
    string? Text,
    AgentAttachment? Attachment,
    IReadOnlyList<AgentQuickReply>? QuickReplies,
    AgentNotification? Notification,
    AgentTyping? Typing,
    string? OriginatingEntity,
    DateTimeOffset? Time = null);

/// <summary>File bytes as Base64; <paramref name="MediaType"/> defaults from the MIME type (image/* → Image, …, else File).</summary>
public sealed record AgentAttachment(string? Base64, string? Mime, string? Filename, string? MediaType);

/// <summary>A quick-reply option; the payload defaults to the text.</summary>
public sealed record AgentQuickReply(string? Text, string? Payload);

/// <summary>
/// A WhatsApp template. Genesys names it by <c>template.id</c> = "namespace@name" for WhatsApp, so either give
/// <paramref name="Id"/> or <paramref name="Name"/> (with an optional <paramref name="Namespace"/>).
/// Placeholders {{1}} or {{name}} in <paramref name="BodyText"/> are filled from the parameters for the rendered text.
/// </summary>
public sealed record AgentNotification(
    string? Id,
    string? Namespace,
    string? Name,
    string? Language,
    string? HeaderText,
    string? BodyText,
    string? FooterText,
    IReadOnlyList<AgentTemplateParameter>? Parameters);

public sealed record AgentTemplateParameter(string? Name, string? Text);

public sealed record AgentTyping(int? DurationMs);

public sealed record AgentMessageAccepted(string Id, Guid ConversationId, string Type, string DeliveryStatus);
