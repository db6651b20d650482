namespace WhatsAppGenesys.RcsSandbox.Rbm.Validation;

/// <summary>
/// RBM's documented content limits (AgentContentMessage, CardContent, CarouselCard, SuggestedReply, SuggestedAction in
/// the RBM REST reference; see README.md for the sources).
/// </summary>
public static class RbmLimits
{
    public const int TextMaxCharacters = 3072;
    public const int MessageSuggestionsMax = 11;
    public const int CardSuggestionsMax = 4;
    public const int SuggestionTextMaxCharacters = 25;
    public const int PostbackDataMaxCharacters = 2048;
    public const int CardTitleMaxCharacters = 200;
    public const int CardDescriptionMaxCharacters = 2000;
    public const int CarouselMinCards = 2;
    public const int CarouselMaxCards = 10;
}
