namespace WhatsAppGenesys.PortalService.Contacts;

/// <summary>
/// Contacts that have every one of <see cref="Tags"/>, every attribute of <see cref="Attributes"/> with that exact value,
/// and (each when given) that consent status, that E.164 number and that BSUID.
/// </summary>
public sealed record ContactFilter(
    IReadOnlyList<string> Tags,
    IReadOnlyDictionary<string, string> Attributes,
    string? ConsentStatus = null,
    string? PhoneNumber = null,
    string? Bsuid = null);
