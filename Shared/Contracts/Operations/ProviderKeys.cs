namespace WhatsAppGenesys.Contracts.Operations;

/// <summary>
/// How operator routes, their Redis keys and the console name the two providers a tenant connects: the path segment
/// of <c>/admin/webhooks/{whatsapp|genesys}/…</c> (archive replay, last webhook received) and the provider of token
/// errors.
/// </summary>
public static class ProviderKeys
{
    public const string WhatsApp = "whatsapp";
    public const string Genesys = "genesys";

    /// <summary>The RCS provider. Not in <see cref="All"/> (webhook archives and send counters) until RCS has them.</summary>
    public const string Rcs = "rcs";

    public static IReadOnlyList<string> All { get; } = [WhatsApp, Genesys];

    public static bool IsKnown(string? key) => key is WhatsApp or Genesys;

    /// <summary>The providers whose webhooks we verify by signature, and so whose refusals are counted and alerted on.</summary>
    public static IReadOnlyList<string> SignedWebhookSources { get; } = [WhatsApp, Genesys, Rcs];

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
