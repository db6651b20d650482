namespace WhatsAppGenesys.PortalService.History;

/// <summary><c>History:*</c>: how the history is read and how long it is kept.</summary>
public sealed class HistoryOptions
{
    public const string SectionName = "History";

    /// <summary>How long a media link in an API response stays valid.</summary>
    public TimeSpan MediaLinkLifetime { get; set; } = TimeSpan.FromMinutes(15);

    public HistoryRetentionOptions Retention { get; set; } = new();
}

/// <summary><c>History:Retention:*</c>: the background job that deletes messages older than each tenant's retention.</summary>
public sealed class HistoryRetentionOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>Time between sweeps (the first runs this long after start).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Rows deleted per statement, so a large backlog never holds long locks.</summary>
    public int BatchSize { get; set; } = 500;
}
