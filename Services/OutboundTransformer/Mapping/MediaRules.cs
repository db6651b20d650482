using WhatsAppGenesys.Contracts.Genesys;

namespace WhatsAppGenesys.OutboundTransformer.Mapping;

/// <summary>
/// How a channel judges an agent's attachment before it is re-hosted: <see cref="Check"/> gives the form to send
/// it in or the reason the agent sees (called with the declared type and size, then with the real ones), and
/// <see cref="MaxBytes"/> bounds the download.
/// </summary>
public sealed record MediaRules(
    string Channel,
    Func<GenesysMediaType, string?, long?, (MediaSendForm? Form, OutboundPlan.Reject? Rejection)> Check,
    Func<GenesysMediaType, long> MaxBytes)
{
    public static MediaRules WhatsApp { get; } = new("WhatsApp", OutboundMedia.Check, OutboundMedia.MaxBytes);
}
