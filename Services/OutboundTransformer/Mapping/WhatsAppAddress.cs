using WhatsAppGenesys.Contracts.Genesys;

namespace WhatsAppGenesys.OutboundTransformer.Mapping;

/// <summary>
/// Where a send goes: <see cref="To"/> (phone digits) or <see cref="Recipient"/> (BSUID). Genesys gives back the id
/// we sent inbound: "+&lt;digits&gt;" (Phone) or a BSUID (Opaque).
/// </summary>
public sealed record WhatsAppAddress(string? To, string? Recipient)
{
    public static WhatsAppAddress? From(GenesysRecipient? customer)
    {
        var id = customer?.Id?.Trim();
        if (string.IsNullOrEmpty(id) || customer!.IdType == GenesysIdType.Email)
        {
            return null;
        }
        var digits = id.TrimStart('+').Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (digits.Length is >= 6 and <= 15 && digits.All(char.IsAsciiDigit))
        {
            return new WhatsAppAddress(digits, null);
        }
        return customer.IdType == GenesysIdType.Phone ? null : new WhatsAppAddress(null, id);
    }
}
