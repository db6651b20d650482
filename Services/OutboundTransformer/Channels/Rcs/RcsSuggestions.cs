using WhatsAppGenesys.Contracts.Genesys;
using WhatsAppGenesys.Contracts.Providers;
using WhatsAppGenesys.OutboundTransformer.Mapping;

namespace WhatsAppGenesys.OutboundTransformer.Channels.Rcs;

/// <summary>
/// Genesys quick replies → RBM suggested replies under the message: the label is the quick reply's text (shortened
/// with "…" to RBM's 25 characters, as WhatsApp's button titles are), the postback data its payload, which comes back
/// to us when the customer taps it. More than RBM's 11, or a payload over 2048 characters, is refused.
/// </summary>
public static class RcsSuggestions
{
    public static (IReadOnlyList<RcsSuggestion>? Suggestions, OutboundPlan.Reject? Rejection) FromQuickReplies(IReadOnlyList<GenesysQuickReply> replies)
    {
        if (replies.Count > RbmLimits.Suggestions)
        {
            return (null, new OutboundPlan.Reject(GenesysReasonCode.InvalidMessageStructure,
                $"Not sent over RCS: RCS shows at most {RbmLimits.Suggestions} quick replies; this message has {replies.Count}."));
        }
        var suggestions = new List<RcsSuggestion>();
        foreach (var reply in replies)
        {
            var label = string.IsNullOrWhiteSpace(reply.Text) ? reply.Payload : reply.Text;
            if (string.IsNullOrWhiteSpace(label))
            {
                return (null, new OutboundPlan.Reject(GenesysReasonCode.InvalidMessageStructure, "Not sent over RCS: a quick reply has no text."));
            }
            var postback = string.IsNullOrEmpty(reply.Payload) ? label : reply.Payload;
            if (postback.Length > RbmLimits.PostbackDataLength)
            {
                return (null, new OutboundPlan.Reject(GenesysReasonCode.InvalidMessageStructure,
                    $"Not sent over RCS: the quick reply '{Label(label)}' carries more than RCS's {RbmLimits.PostbackDataLength} characters of payload."));
            }
            suggestions.Add(new RcsSuggestion(Label(label), postback));
        }
        return (suggestions, null);
    }

    /// <summary>A suggestion's label within RBM's limit.</summary>
    public static string Label(string text) => TextSplitter.Truncate(text.Trim(), RbmLimits.SuggestionTextLength);
}
