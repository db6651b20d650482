namespace WhatsAppGenesys.Clients.Archiving;

/// <summary>
/// WhatsApp's and RCS's customer webhooks share the webhooks-inbound bucket and its keys
/// (<c>{tenantId}/{yyyy-MM-dd}/{unix-ms}-{id}.json</c>), so the portal's history and the storage lifecycle treat them
/// alike. An RCS webhook's id is written <c>rcs-{id}</c>, which no wamid (<c>wamid.…</c>) nor WhatsApp's fallback
/// (<c>webhook</c>) starts with, so each receiver's range replay takes only its own webhooks.
/// </summary>
public static class SharedBucketKeys
{
    public const string RcsIdPrefix = "rcs-";

    /// <summary>Whether an archived key is an RCS webhook's.</summary>
    public static bool IsRcs(string key)
    {
        var name = key.AsSpan(key.LastIndexOf('/') + 1);
        var dash = name.IndexOf('-');
        return dash >= 0 && name[(dash + 1)..].StartsWith(RcsIdPrefix, StringComparison.Ordinal);
    }

    public static bool IsWhatsApp(string key) => !IsRcs(key);
}
