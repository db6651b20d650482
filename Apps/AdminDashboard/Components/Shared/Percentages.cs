using System.Globalization;

namespace WhatsAppGenesys.AdminDashboard.Components.Shared;

/// <summary>A share (0–1) as a whole percentage, "97%": the invariant culture's "P0" would write "97 %".</summary>
public static class Percentages
{
    public static string Of(double share) => (share * 100).ToString("0", CultureInfo.InvariantCulture) + "%";
}
