namespace WhatsAppGenesys.AgentWeb.Conversations;

/// <summary>Times as an agent reads them at a glance: "just now", "5 min ago", "3 h ago", then the date.</summary>
public static class RelativeTime
{
    public static string Since(DateTimeOffset at, DateTimeOffset now)
    {
        var elapsed = now - at;
        return elapsed switch
        {
            { TotalMinutes: < 1 } => "just now",
            { TotalHours: < 1 } => $"{(int)elapsed.TotalMinutes} min ago",
            { TotalDays: < 1 } => $"{(int)elapsed.TotalHours} h ago",
            _ => at.ToString("d MMM", System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    public static string Duration(TimeSpan span) =>
        span.TotalHours >= 1 ? $"{(int)span.TotalHours} h" : $"{Math.Max(1, (int)span.TotalMinutes)} min";
}
