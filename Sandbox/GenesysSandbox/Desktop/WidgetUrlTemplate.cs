namespace WhatsAppGenesys.GenesysSandbox.Desktop;

/// <summary>
/// An interaction widget's URL template, as an admin registers it in Genesys Cloud, and how the desktop fills it in
/// before framing it: each <c>{{name}}</c> below becomes its value, URL-encoded so it stays one query value wherever it
/// stands. Genesys's older <c>pc…</c> names are filled like their <c>gc…</c> counterparts. Any other placeholder is
/// left as written, so a widget that needs one sees at once that the simulator does not fill it.
/// </summary>
public static class WidgetUrlTemplate
{
    /// <summary>The value of <c>{{gcTargetEnv}}</c> (and <c>{{pcEnvironment}}</c>): this is no real Genesys environment.</summary>
    public const string TargetEnvironment = "sandbox";

    /// <summary>Whether the template is an absolute http or https URL, which is all a frame may load.</summary>
    public static bool IsAbsoluteHttpUrl(string template) =>
        Uri.TryCreate(template, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    public static string Fill(string template, string conversationId, string hostOrigin)
    {
        var values = new (string Placeholder, string Value)[]
        {
            ("{{gcConversationId}}", conversationId),
            ("{{pcConversationId}}", conversationId),
            ("{{gcHostOrigin}}", hostOrigin),
            ("{{gcTargetEnv}}", TargetEnvironment),
            ("{{pcEnvironment}}", TargetEnvironment),
        };
        return values.Aggregate(template, (url, p) => url.Replace(p.Placeholder, Uri.EscapeDataString(p.Value), StringComparison.Ordinal));
    }
}
