namespace WhatsAppGenesys.Contracts.Providers;

/// <summary>
/// RCS Business Messaging's limits on an agent message (Sandbox/RcsSandbox/README.md lists them with their sources):
/// checked by rcs-api before the provider is called, and by the outbound transformer when it maps an agent's
/// message, so an agent learns what RCS cannot carry instead of the provider refusing it.
/// </summary>
public static class RbmLimits
{
    /// <summary>A text, in Unicode scalar values.</summary>
    public const int TextLength = 3072;

    /// <summary>Suggestions under one message.</summary>
    public const int Suggestions = 11;

    /// <summary>A suggestion's label.</summary>
    public const int SuggestionTextLength = 25;

    public const int PostbackDataLength = 2048;

    /// <summary>Suggestions on one rich card.</summary>
    public const int CardSuggestions = 4;

    public const int CardTitleLength = 200;

    public const int CardDescriptionLength = 2000;

    public const int CarouselMinCards = 2;

    public const int CarouselMaxCards = 10;
}
