using System.Globalization;
using System.Text.Json.Nodes;
using WhatsAppGenesys.Contracts.Genesys;
using WhatsAppGenesys.Contracts.Providers;
using WhatsAppGenesys.OutboundTransformer.Mapping;

namespace WhatsAppGenesys.OutboundTransformer.Channels.Rcs;

/// <summary>
/// Genesys cards → RBM's <c>richCard</c>: one card a standalone card (vertical, media on top), two to ten a carousel
/// (medium width). A card's buttons become its suggestions: a <c>Link</c> an open-URL action, a <c>Postback</c> a
/// suggested reply whose postback data is the payload. What RBM cannot show (more buttons or cards than it allows, a
/// title or description over its limit, an empty card, a media or link URL that is not http(s)) is refused with the
/// reason, never cut short: the agent would not know what the customer missed.
/// </summary>
public static class RcsCardMapper
{
    public static (JsonObject? RichCard, OutboundPlan.Reject? Rejection) Standalone(GenesysCard card)
    {
        var (content, rejection) = Content(card, "The card");
        return rejection is not null
            ? (null, rejection)
            : (new JsonObject { ["standaloneCard"] = new JsonObject { ["cardOrientation"] = "VERTICAL", ["cardContent"] = content } }, null);
    }

    public static (JsonObject? RichCard, OutboundPlan.Reject? Rejection) Carousel(IReadOnlyList<GenesysCard> cards)
    {
        if (cards.Count == 1)
        {
            return Standalone(cards[0]);
        }
        if (cards.Count is < RbmLimits.CarouselMinCards or > RbmLimits.CarouselMaxCards)
        {
            return (null, Refuse($"RCS carousels hold {RbmLimits.CarouselMinCards} to {RbmLimits.CarouselMaxCards} cards; this one has {cards.Count}."));
        }
        var contents = new JsonArray();
        for (var i = 0; i < cards.Count; i++)
        {
            var (content, rejection) = Content(cards[i], "Card " + (i + 1).ToString(CultureInfo.InvariantCulture));
            if (rejection is not null)
            {
                return (null, rejection);
            }
            contents.Add(content);
        }
        return (new JsonObject { ["carouselCard"] = new JsonObject { ["cardWidth"] = "MEDIUM", ["cardContents"] = contents } }, null);
    }

    private static (JsonObject? Content, OutboundPlan.Reject? Rejection) Content(GenesysCard card, string which)
    {
        var content = new JsonObject();
        if (!string.IsNullOrWhiteSpace(card.Title))
        {
            if (card.Title.EnumerateRunes().Count() > RbmLimits.CardTitleLength)
            {
                return (null, Refuse($"{which}'s title is longer than RCS's {RbmLimits.CardTitleLength} characters."));
            }
            content["title"] = card.Title;
        }
        if (!string.IsNullOrWhiteSpace(card.Description))
        {
            if (card.Description.EnumerateRunes().Count() > RbmLimits.CardDescriptionLength)
            {
                return (null, Refuse($"{which}'s description is longer than RCS's {RbmLimits.CardDescriptionLength} characters."));
            }
            content["description"] = card.Description;
        }
        if (FirstNonEmpty(card.Image, card.Video) is { } mediaUrl)
        {
            if (!IsHttpUrl(mediaUrl))
            {
                return (null, Refuse($"{which}'s image or video is not an http(s) URL the customer's phone can fetch."));
            }
            content["media"] = new JsonObject { ["height"] = "MEDIUM", ["contentInfo"] = new JsonObject { ["fileUrl"] = mediaUrl } };
        }
        if (content.Count == 0)
        {
            return (null, Refuse($"{which} has no title, description or image; RCS cannot show an empty card."));
        }

        // The card's tap target has no RCS equivalent of its own; it is offered as one more button unless a button does the same.
        var actions = (card.Actions ?? []).ToList();
        if (card.DefaultAction is { } tap && !actions.Any(a => a.Url == tap.Url && a.Payload == tap.Payload))
        {
            actions.Add(tap with { Text = FirstNonEmpty(tap.Text, card.Title) });
        }
        if (actions.Count > RbmLimits.CardSuggestions)
        {
            return (null, Refuse($"{which} has {actions.Count} buttons; an RCS card shows at most {RbmLimits.CardSuggestions}."));
        }
        var suggestions = new JsonArray();
        foreach (var action in actions)
        {
            var (suggestion, rejection) = Suggestion(action, which);
            if (rejection is not null)
            {
                return (null, rejection);
            }
            suggestions.Add(suggestion);
        }
        if (suggestions.Count > 0)
        {
            content["suggestions"] = suggestions;
        }
        return (content, null);
    }

    private static (JsonObject? Suggestion, OutboundPlan.Reject? Rejection) Suggestion(GenesysCardAction action, string which)
    {
        var isLink = string.Equals(action.Type, "Link", StringComparison.OrdinalIgnoreCase);
        var label = FirstNonEmpty(action.Text, isLink ? action.Url : action.Payload);
        if (label is null)
        {
            return (null, Refuse($"{which} has a button without a label."));
        }
        var postback = FirstNonEmpty(action.Payload, action.Text)!;
        if (postback.Length > RbmLimits.PostbackDataLength)
        {
            return (null, Refuse($"{which}'s button '{label}' carries more than RCS's {RbmLimits.PostbackDataLength} characters of payload."));
        }
        var text = RcsSuggestions.Label(label);
        if (!isLink)
        {
            return (new JsonObject { ["reply"] = new JsonObject { ["text"] = text, ["postbackData"] = postback } }, null);
        }
        if (!IsHttpUrl(action.Url))
        {
            return (null, Refuse($"{which}'s link button '{label}' has no http(s) URL."));
        }
        return (new JsonObject
        {
            ["action"] = new JsonObject { ["text"] = text, ["postbackData"] = postback, ["openUrlAction"] = new JsonObject { ["url"] = action.Url } },
        }, null);
    }

    internal static bool IsHttpUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    private static string? FirstNonEmpty(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));

    private static OutboundPlan.Reject Refuse(string message) => new(GenesysReasonCode.InvalidMessageStructure, $"Not sent over RCS: {message}");
}
