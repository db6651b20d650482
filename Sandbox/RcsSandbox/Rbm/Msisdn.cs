using System.Text.RegularExpressions;

namespace WhatsAppGenesys.RcsSandbox.Rbm;

/// <summary>E.164 with the leading '+': a country code that does not start with 0, at most 15 digits in all.</summary>
public static partial class Msisdn
{
    public static bool IsE164(string? value) => value is not null && Shape().IsMatch(value);

    [GeneratedRegex(@"^\+[1-9]\d{1,14}$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
