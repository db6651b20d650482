using System.Text.Json;
using WhatsAppGenesys.Contracts.Portal;
using WhatsAppGenesys.PortalService.Analytics;

namespace WhatsAppGenesys.PortalService.Campaigns;

/// <summary>
/// A campaign as the API shows it; <see cref="Counts"/> (recipients per state) only on a single campaign, and
/// <see cref="Funnel"/> (the analytics funnel over the campaign's life) only on <c>GET /campaigns/{id}</c>.
/// </summary>
public sealed record CampaignView(
    Guid Id,
    string Name,
    CampaignTemplate Template,
    IReadOnlyList<CampaignParameter> Parameters,
    CampaignAudience Audience,
    DateTimeOffset ScheduledAt,
    string? TimeZone,
    string? LocalTime,
    double? MessagesPerSecond,
    string Status,
    DateTimeOffset? WaitingUntil,
    string? WaitReason,
    bool AudienceComplete,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt,
    IReadOnlyDictionary<string, int>? Counts,
    CampaignFunnelFigures? Funnel)
{
    public static CampaignView Of(Campaign c, IReadOnlyDictionary<string, int>? counts = null, CampaignFunnelFigures? funnel = null) => new(
        c.Id, c.Name, new CampaignTemplate(c.TemplateName, c.TemplateLanguage), CampaignJson.Parameters(c.Parameters),
        CampaignJson.Audience(c.Audience), c.ScheduledAt, c.TimeZone, c.LocalTime, c.MessagesPerSecond, c.Status,
        c.WaitingUntil, c.WaitReason, c.AudienceComplete, c.CreatedAt, c.StartedAt, c.CompletedAt, counts, funnel);
}

/// <summary>One recipient as the API shows it.</summary>
public sealed record CampaignRecipientView(
    Guid ContactId, string? Address, string State, string? Wamid, string? FailureCode, string? FailureReason,
    int Attempts, DateTimeOffset? NextAttemptAt, DateTimeOffset? SentAt, DateTimeOffset? StatusAt, DateTimeOffset? RepliedAt, DateTimeOffset? OptedOutAt,
    DateTimeOffset UpdatedAt)
{
    public static CampaignRecipientView Of(CampaignRecipient r) =>
        new(r.ContactId, r.Address, r.State, r.Wamid, r.FailureCode, r.FailureReason, r.Attempts, r.NextAttemptAt, r.SentAt, r.StatusAt,
            r.RepliedAt, r.OptedOutAt, r.UpdatedAt);
}

/// <summary>The campaign's JSON columns, read and written the same way everywhere.</summary>
public static class CampaignJson
{
    public static string Write<T>(T value) => JsonSerializer.Serialize(value, JsonSerializerOptions.Web);

    public static IReadOnlyList<CampaignParameter> Parameters(string json) =>
        JsonSerializer.Deserialize<List<CampaignParameter>>(json, JsonSerializerOptions.Web) ?? [];

    public static CampaignAudience Audience(string json) =>
        JsonSerializer.Deserialize<CampaignAudience>(json, JsonSerializerOptions.Web) ?? new CampaignAudience([], []);

    public static IReadOnlyList<string> Values(string? json) =>
        json is null ? [] : JsonSerializer.Deserialize<List<string>>(json, JsonSerializerOptions.Web) ?? [];
}
