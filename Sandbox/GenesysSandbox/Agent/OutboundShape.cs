using WhatsAppGenesys.GenesysSandbox.Model;

namespace WhatsAppGenesys.GenesysSandbox.Agent;

/// <summary>What an outbound webhook payload carries besides its addressing: its type, text, content and events.</summary>
public sealed record OutboundShape(
    string Type,
    string? Text,
    IReadOnlyList<OutboundContent>? Content = null,
    IReadOnlyList<OutboundEvent>? Events = null)
{
    public static OutboundShape PlainText(string text) => new("Text", text);
}
