namespace WhatsAppGenesys.PortalService.Settings;

/// <summary>A tenant's portal settings; a tenant without a row has <see cref="PortalSettings.Defaults"/>.</summary>
public sealed class PortalSettingsRow
{
    public required string TenantId { get; set; }
    public int HistoryRetentionDays { get; set; }
    public List<string> OptOutKeywords { get; set; } = [];
    public List<string> OptInKeywords { get; set; } = [];
    public required string OptOutAcknowledgement { get; set; }
    public required string OptInAcknowledgement { get; set; }
    public int? CampaignMessagingLimit { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
