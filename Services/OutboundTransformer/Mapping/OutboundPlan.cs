using WhatsAppGenesys.Contracts.Genesys;
using WhatsAppGenesys.Contracts.Meta;

namespace WhatsAppGenesys.OutboundTransformer.Mapping;

/// <summary>What to do with one Genesys outbound webhook payload.</summary>
public abstract record OutboundPlan
{
    private OutboundPlan() { }

    /// <summary>POST each body, in order, to <c>/{phone-number-id}/messages</c>.</summary>
    public sealed record Send(IReadOnlyList<MetaSendMessageRequest> Messages) : OutboundPlan;

    /// <summary>POST this body to <c>/{phone-number-id}/messages</c> (mark read + typing indicator).</summary>
    public sealed record MarkAsRead(MetaMarkAsReadRequest Request) : OutboundPlan;

    /// <summary>Nothing to send to WhatsApp; acknowledge and move on.</summary>
    public sealed record Ignore(string Why) : OutboundPlan;

    /// <summary>Cannot be sent: answer Genesys with a Failed receipt carrying this reason, so the agent sees why.</summary>
    public sealed record Reject(GenesysReasonCode Reason, string Message) : OutboundPlan;
}
