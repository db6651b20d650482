namespace WhatsAppGenesys.Contracts.Operations;

/// <summary>
/// How operator routes, their Redis keys and the console name the providers a tenant connects: the path segment
/// of <c>/admin/webhooks/{whatsapp|genesys|rcs}/…</c> (archive replay, last webhook received), the source of
/// signature refusals, the provider of send counters and of token errors.
/// </summary>
public static class ProviderKeys
{
    public const string WhatsApp = "whatsapp";
    public const string Genesys = "genesys";

    /// <summary>The RCS provider (RBM behind an aggregator): its webhooks reach rcs-api, which also sends to it.</summary>
    public const string Rcs = "rcs";

    /// <summary>Every provider: each sends us signed, archived webhooks and takes our sends.</summary>
    public static IReadOnlyList<string> All { get; } = [WhatsApp, Genesys, Rcs];

    public static bool IsKnown(string? key) => key is WhatsApp or Genesys or Rcs;

    /// <summary>The providers whose tokens auth-service issues, and so whose token errors it counts.</summary>
    public static IReadOnlyList<string> TokenProviders { get; } = [WhatsApp, Genesys, Rcs];

    public static bool IsTokenProvider(string? key) => key is WhatsApp or Genesys or Rcs;

    /// <summary>The provider as people call it.</summary>
    public static string DisplayName(string key) => key switch
    {
        WhatsApp => "WhatsApp (Meta)",
        Rcs => "RCS",
        _ => "Genesys Cloud",
    };
}
