using WhatsAppGenesys.Contracts.Agents;
using WhatsAppGenesys.Contracts.State;
using WhatsAppGenesys.PortalService.Contacts;

namespace WhatsAppGenesys.PortalService.Agents;

/// <summary>
/// Whether an agent's free text may go to the customer, and to which address, decided before anything is sent: WhatsApp
/// refuses free text outside its 24-hour customer-service window (and says so only later, as a failed status), and
/// Genesys refuses Open Messaging texts longer than 2000 characters.
/// </summary>
public static class AgentReplyPlan
{
    public sealed record Refusal(int Status, string Title, string Detail);

    /// <summary>The customer's address as the Open Messaging integration knows it, or why the reply cannot go.</summary>
    public static (string? ToAddress, Refusal? Refusal) Decide(ConversationMapping conversation, string? text, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, new(StatusCodes.Status400BadRequest, "Empty message", "Write something to send."));
        }
        if (text.Length > AgentReplyRequest.MaxTextLength)
        {
            return (null, new(StatusCodes.Status400BadRequest, "Message too long",
                $"A message can have at most {AgentReplyRequest.MaxTextLength} characters; this one has {text.Length}."));
        }
        return FreeForm(conversation, now);
    }

    /// <summary>A file with an optional caption: WhatsApp's caption limit, and the same window as free text.</summary>
    public static (string? ToAddress, Refusal? Refusal) DecideAttachment(ConversationMapping conversation, string? caption, DateTimeOffset now) =>
        caption is { Length: > MaxCaptionLength }
            ? (null, new(StatusCodes.Status400BadRequest, "Caption too long",
                $"A caption can have at most {MaxCaptionLength} characters; this one has {caption.Length}."))
            : FreeForm(conversation, now);

    /// <summary>WhatsApp's limit for the caption of an image, video or document.</summary>
    public const int MaxCaptionLength = 1024;

    // Anything but a template needs the window open, and an address to answer.
    private static (string? ToAddress, Refusal? Refusal) FreeForm(ConversationMapping conversation, DateTimeOffset now)
    {
        if (!CustomerServiceWindow.IsOpen(conversation.LastInboundAt, now))
        {
            return (null, new(StatusCodes.Status409Conflict, "Outside the 24-hour window",
                "WhatsApp allows free text and files only within 24 hours of the customer's last message. Send an approved template instead."));
        }
        return AddressOf(conversation) is { Length: > 0 } address
            ? (address, null)
            : (null, new(StatusCodes.Status409Conflict, "No address", "The customer has neither a phone number nor a WhatsApp user id to answer."));
    }

    /// <summary>The customer's number in E.164 (<c>+…</c>), or null when the conversation knows none.</summary>
    public static string? NumberOf(ConversationMapping conversation) =>
        conversation.WaId is { Length: > 0 } waId ? "+" + waId.TrimStart('+') : null;

    /// <summary>The address the customer's messages reach Genesys from: their number (E.164) or, without one, their BSUID.</summary>
    public static string? AddressOf(ConversationMapping conversation) => NumberOf(conversation) ?? conversation.Bsuid;

    /// <summary>The tenant's contact for the conversation's customer, by number or BSUID; null when they are not a contact.</summary>
    public static Task<Contact?> ContactOfAsync(ContactStore contacts, ConversationMapping conversation, CancellationToken ct) =>
        contacts.FindByAddressAsync(conversation.TenantId, NumberOf(conversation), conversation.Bsuid, ct);
}
