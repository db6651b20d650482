namespace WhatsAppGenesys.MetaSandbox.GraphApi;

// What the validator extracted from a POST /{phone-number-id}/messages body.
public sealed record SendRequest
{
    public bool IsMarkAsRead { get; init; }
    public string? ReadMessageId { get; init; }
    public bool TypingIndicator { get; init; }

    public string Type { get; init; } = "text";
    public string? To { get; init; }
    public string? Recipient { get; init; }
    public string? MediaId { get; init; }
    public string? MediaLink { get; init; }

    public bool IsTemplate => Type == "template";
}
