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

    /// <summary>The RCS provider: its token errors are counted under this key. Not in <see cref="All"/> until RCS webhooks and sends are archived and counted.</summary>
    public const string Rcs = "rcs";

    public static IReadOnlyList<string> All { get; } = [WhatsApp, Genesys];

    public static bool IsKnown(string? key) => key is WhatsApp or Genesys;

    /// <summary>The provider as people call it.</summary>
    public static string DisplayName(string key) => key switch
    {
        WhatsApp => "WhatsApp (Meta)",
        Rcs => "RCS",
        _ => "Genesys Cloud",
    };
}
