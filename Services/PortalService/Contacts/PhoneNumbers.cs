using System.Text;

namespace WhatsAppGenesys.PortalService.Contacts;

/// <summary>
/// Normalises phone numbers to E.164 ("+" and 8 to 15 digits, starting with an assigned country code). A number given
/// internationally ("+49 30 1234567", "0049 30 1234567") keeps its country code, which must exist; a national number
/// ("030 1234567") is only accepted with a default country code, whose national trunk prefix is dropped first (the
/// leading 0 in most countries; the leading 1 of an 11-digit North American number; Italy keeps its 0).
/// Spaces, dots, dashes, slashes and brackets are ignored, as is the "(0)" written inside international numbers.
/// </summary>
public static class PhoneNumbers
{
    public const int MinDigits = 8;
    public const int MaxDigits = 15;

    /// <summary>The E.164 form of <paramref name="input"/>, or why it has none.</summary>
    public static PhoneNumberResult Normalize(string? input, string? defaultCountryCode = null)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return PhoneNumberResult.Invalid("is empty");
        }
        var text = input.Trim().Replace("(0)", "", StringComparison.Ordinal);
        var international = false;
        if (text.StartsWith('+'))
        {
            international = true;
            text = text[1..];
        }
        var digits = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c))
            {
                digits.Append(c);
            }
            else if (c is not (' ' or '-' or '.' or '/' or '(' or ')'))
            {
                return PhoneNumberResult.Invalid($"'{input.Trim()}' contains '{c}'; a phone number has digits only");
            }
        }
        var number = digits.ToString();
        if (!international && number.StartsWith("00", StringComparison.Ordinal))
        {
            international = true;
            number = number[2..];
        }

        if (!international)
        {
            if (defaultCountryCode is null)
            {
                return PhoneNumberResult.Invalid($"'{input.Trim()}' has no country code (write it with + or 00, or give a default country code)");
            }
            number = defaultCountryCode + WithoutTrunkPrefix(defaultCountryCode, number);
        }
        else if (CountryCallingCodes.PrefixOf(number) is null)
        {
            return PhoneNumberResult.Invalid($"'{input.Trim()}' does not start with a country code");
        }

        if (number.Length is < MinDigits or > MaxDigits)
        {
            return PhoneNumberResult.Invalid($"'{input.Trim()}' has {number.Length} digits with its country code; between {MinDigits} and {MaxDigits} are expected");
        }
        return PhoneNumberResult.Valid("+" + number);
    }

    /// <summary>A default country code as given ("49", "+49", "0049"), reduced to its digits when it is assigned, else null.</summary>
    public static string? ParseCountryCode(string? code)
    {
        var digits = code?.Trim().TrimStart('+');
        if (digits is not null && digits.StartsWith("00", StringComparison.Ordinal))
        {
            digits = digits[2..];
        }
        return digits is { Length: > 0 } && CountryCallingCodes.IsAssigned(digits) ? digits : null;
    }

    private static string WithoutTrunkPrefix(string countryCode, string national) => countryCode switch
    {
        "39" => national,
        "1" when national.Length == 11 && national[0] == '1' => national[1..],
        _ when national.StartsWith('0') => national[1..],
        _ => national,
    };
}

/// <summary>A normalised number ("+4930…") or the reason there is none.</summary>
public sealed record PhoneNumberResult(string? E164, string? Error)
{
    public bool IsValid => E164 is not null;

    public static PhoneNumberResult Valid(string e164) => new(e164, null);

    public static PhoneNumberResult Invalid(string error) => new(null, error);
}
