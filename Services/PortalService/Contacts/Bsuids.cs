using System.Text.RegularExpressions;

namespace WhatsAppGenesys.PortalService.Contacts;

/// <summary>
/// Business-scoped user ids, Meta's id for a customer who uses a username instead of showing their number:
/// "&lt;country&gt;.&lt;id&gt;" such as "US.13491208655302741918", or the parent form "US.ENT.&lt;id&gt;".
/// </summary>
public static partial class Bsuids
{
    public const int MaxLength = 80;

    public static bool IsValid(string? bsuid) => bsuid is { Length: <= MaxLength } && Pattern().IsMatch(bsuid);

    [GeneratedRegex("^[A-Za-z]{2}\\.(ENT\\.)?[A-Za-z0-9]{1,64}$")]
    private static partial Regex Pattern();
}
