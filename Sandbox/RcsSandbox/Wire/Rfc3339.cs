using System.Globalization;
using System.Text.RegularExpressions;

namespace WhatsAppGenesys.RcsSandbox.Wire;

/// <summary>
/// Google's Timestamp JSON: RFC 3339, always Z-normalised on output with 0, 3, 6 or 9 fractional digits (six here, so
/// receivers meet fractional seconds); on input any offset is accepted, and the offset is required.
/// </summary>
public static partial class Rfc3339
{
    public static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    public static bool TryParse(string? value, out DateTimeOffset time)
    {
        time = default;
        var match = value is null ? Match.Empty : Shape().Match(value);
        if (!match.Success)
        {
            return false;
        }
        // .NET parses at most 7 fractional digits; Google allows 9.
        var fraction = match.Groups["fraction"].Value;
        var normalised = match.Groups["seconds"].Value + (fraction.Length > 0 ? "." + fraction[..Math.Min(7, fraction.Length)] : "") +
            match.Groups["zone"].Value;
        return DateTimeOffset.TryParse(normalised, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out time);
    }

    [GeneratedRegex(@"^(?<seconds>\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2})(?:\.(?<fraction>\d{1,9}))?(?<zone>[Zz]|[+-]\d{2}:\d{2})$",
        RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
