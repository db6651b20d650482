using WhatsAppGenesys.Contracts.Genesys;
using WhatsAppGenesys.OutboundTransformer.Mapping;

namespace WhatsAppGenesys.OutboundTransformer.Channels;

/// <summary>One request of a channel, in the channel's own shape (only its channel reads it).</summary>
public abstract record OutboundPart;

/// <summary>What a channel makes of an agent message.</summary>
public abstract record ChannelPlan
{
    private ChannelPlan() { }

    /// <summary>Send these parts in order; <paramref name="Media"/> is the re-hosted attachment they carry, if any.</summary>
    public sealed record Send(IReadOnlyList<OutboundPart> Parts, HostedMedia? Media) : ChannelPlan;

    /// <summary>Cannot be sent: a Failed receipt with this reason tells the agent why.</summary>
    public sealed record Refuse(GenesysReasonCode Reason, string Message) : ChannelPlan;

    /// <summary>Preparing it failed for now (an attachment download, say): retry later.</summary>
    public sealed record Transient(string Code, string Detail) : ChannelPlan;

    /// <summary>Nothing to send on this channel; acknowledge.</summary>
    public sealed record Nothing(string Why) : ChannelPlan;

    public static ChannelPlan From(OutboundPlan.Reject reject) => new Refuse(reject.Reason, reject.Message);
}
