using System.Text.RegularExpressions;
using WhatsAppGenesys.Contracts.Genesys;

namespace WhatsAppGenesys.OutboundTransformer.Mapping;

/// <summary>
/// Where a send goes: <see cref="To"/> (phone digits) or <see cref="Recipient"/> (BSUID). Genesys gives back the id
/// we sent inbound: "+&lt;digits&gt;" (Phone) or a BSUID such as "US.13491208655302741918" (Opaque).
/// </summary>
public sealed partial record WhatsAppAddress(string? To, string? Recipient)
{
    /// <summary>Null when the id is neither a phone number nor a BSUID (e.g. an e-mail address).</summary>
    public static WhatsAppAddress? From(GenesysRecipient? customer)
    {
        var id = customer?.Id?.Trim() ?? "";
        if (customer?.IdType == GenesysIdType.Email)
        {
            return null;
        }
        var digits = id.TrimStart('+').Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (digits.Length is >= 6 and <= 15 && digits.All(char.IsAsciiDigit))
        {
            return new WhatsAppAddress(digits, null);
        }
        return customer?.IdType != GenesysIdType.Phone && BsuidPattern().IsMatch(id) ? new WhatsAppAddress(null, id) : null;
    }

    // "<country>.<id>" or the parent form "<country>.ENT.<id>".
    [GeneratedRegex("^[A-Za-z]{2}\\.(ENT\\.)?[A-Za-z0-9]{1,64}$")]
    private static partial Regex BsuidPattern();
}
