namespace WhatsAppGenesys.PortalService.History;

/// <summary>
/// How the API names a customer: an E.164 number (<c>+15551234567</c>), the same digits without "+" (the wa_id), or
/// the BSUID (<c>US.13491208655302741918</c>). The history matches it against customer id, wa_id and BSUID.
/// </summary>
public static class CustomerKey
{
    public const string Rule = "An E.164 number (+15551234567), a wa_id (digits) or a BSUID.";

    public static bool TryNormalize(string? value, out string key)
    {
        key = value?.Trim() ?? "";
        if (key.StartsWith('+'))
        {
            key = key[1..];
            return key.Length is >= 6 and <= 15 && key.All(char.IsAsciiDigit);
        }
        return key.Length is > 0 and <= 128 && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');
    }
}
