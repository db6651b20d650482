using WhatsAppGenesys.Contracts.State;

namespace WhatsAppGenesys.PortalService.History;

/// <summary>
/// How the API names a customer: on WhatsApp an E.164 number (<c>+15551234567</c>), the same digits without "+" (the
/// wa_id), or the BSUID (<c>US.13491208655302741918</c>); on RCS the customer id, <c>rcs:</c> and the E.164 number
/// (<c>rcs:+15551234567</c>), since the same number on RCS is another customer. The history matches it against
/// customer id, wa_id and BSUID.
/// </summary>
public static class CustomerKey
{
    public const string Rule = "An E.164 number (+15551234567), a wa_id (digits), a BSUID, or an RCS customer (rcs:+15551234567).";

    public static bool TryNormalize(string? value, out string key)
    {
        key = value?.Trim() ?? "";
        if (key.Length == 0)
        {
            return false;
        }
        var customer = CustomerAddress.Parse(key);
        if (customer.IsRcs)
        {
            return IsE164(customer.Address);
        }
        if (key.StartsWith('+'))
        {
            key = key[1..];
            return IsE164("+" + key);
        }
        return key.Length <= 128 && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');
    }

    private static bool IsE164(string number) =>
        number.StartsWith('+') && number.Length - 1 is >= 6 and <= 15 && number.Skip(1).All(char.IsAsciiDigit);
}
