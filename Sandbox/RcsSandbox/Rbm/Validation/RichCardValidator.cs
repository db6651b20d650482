using WhatsAppGenesys.RcsSandbox.Wire;

namespace WhatsAppGenesys.RcsSandbox.Rbm.Validation;

/// <summary>
/// RichCard: exactly one of <c>standaloneCard{cardOrientation, thumbnailImageAlignment?, cardContent}</c> or
/// <c>carouselCard{cardWidth, cardContents[2..10]}</c>. A CardContent needs a title (≤ 200), a description (≤ 2000) or
/// media, and has at most 4 suggestions. Media is contentInfo with an optional height; TALL media does not fit a SMALL
/// carousel (RBM's rich-card guide).
/// </summary>
public static class RichCardValidator
{
    /// <summary>Returns "standaloneCard" or "carouselCard" (null when invalid).</summary>
    public static string? Validate(ProtoReader richCard)
    {
        richCard.OnlyKnown("standaloneCard", "carouselCard");
        var kind = richCard.OneOf("card", "standaloneCard", "carouselCard");
        if (richCard.Failed)
        {
            return null;
        }
        if (kind is null)
        {
            richCard.Fail(GoogleError.InvalidArgument($"'{richCard.Path}' must set standaloneCard or carouselCard.", richCard.Path));
            return null;
        }
        if (richCard.Object(kind) is not { } card)
        {
            return null;
        }
        if (kind == "standaloneCard")
        {
            Standalone(card);
        }
        else
        {
            Carousel(card);
        }
        return richCard.Failed ? null : kind;
    }

    private static void Standalone(ProtoReader card)
    {
        card.OnlyKnown("cardOrientation", "thumbnailImageAlignment", "cardContent");
        var orientation = card.Enum("cardOrientation", "CardOrientation", "HORIZONTAL", "VERTICAL");
        card.Enum("thumbnailImageAlignment", "ThumbnailImageAlignment", "LEFT", "RIGHT");
        var content = card.Object("cardContent");
        card.Require("cardOrientation", orientation);
        card.Require("cardContent", content);
        if (content is not null)
        {
            CardContent(content, carouselWidth: null);
        }
    }

    private static void Carousel(ProtoReader card)
    {
        card.OnlyKnown("cardWidth", "cardContents");
        var width = card.Enum("cardWidth", "CardWidth", "SMALL", "MEDIUM");
        var contents = card.Objects("cardContents");
        card.Require("cardWidth", width);
        if (card.Failed)
        {
            return;
        }
        var count = contents?.Count ?? 0;
        if (count is < RbmLimits.CarouselMinCards or > RbmLimits.CarouselMaxCards)
        {
            card.Fail(GoogleError.InvalidArgument(
                $"'{card.Field("cardContents")}' has {count} cards; a carousel has {RbmLimits.CarouselMinCards} to {RbmLimits.CarouselMaxCards}.",
                card.Field("cardContents")));
            return;
        }
        foreach (var content in contents!)
        {
            CardContent(content, width);
        }
    }

    private static void CardContent(ProtoReader content, string? carouselWidth)
    {
        content.OnlyKnown("title", "description", "media", "suggestions");
        var title = content.String("title");
        var description = content.String("description");
        var media = content.Object("media");
        content.MaxLength("title", title, RbmLimits.CardTitleMaxCharacters);
        content.MaxLength("description", description, RbmLimits.CardDescriptionMaxCharacters);
        if (!content.Failed && string.IsNullOrEmpty(title) && string.IsNullOrEmpty(description) && media is null)
        {
            content.Fail(GoogleError.InvalidArgument($"'{content.Path}' needs at least one of title, description or media.", content.Path));
        }
        if (media is not null)
        {
            Media(media, carouselWidth);
        }
        SuggestionValidator.ValidateList(content, RbmLimits.CardSuggestionsMax);
    }

    private static void Media(ProtoReader media, string? carouselWidth)
    {
        media.OnlyKnown("height", "fileName", "uploadedRbmFile", "contentInfo");
        var height = media.Enum("height", "Height", "HEIGHT_UNSPECIFIED", "SHORT", "MEDIUM", "TALL");
        var source = media.OneOf("content", "fileName", "uploadedRbmFile", "contentInfo");
        if (media.Failed)
        {
            return;
        }
        if (height == "TALL" && carouselWidth == "SMALL")
        {
            media.Fail(GoogleError.InvalidArgument($"'{media.Field("height")}' TALL is not available in a SMALL carousel.", media.Field("height")));
            return;
        }
        switch (source)
        {
            case null:
                media.Fail(JsonShape.Required(media.Path, "contentInfo"));
                break;
            case "contentInfo":
                if (media.Object("contentInfo") is { } contentInfo)
                {
                    ContentInfoValidator.Validate(contentInfo);
                }
                break;
            default:
                ContentInfoValidator.RejectUploadedFile(media, source);
                break;
        }
    }
}
