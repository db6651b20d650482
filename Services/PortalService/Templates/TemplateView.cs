using System.Text.Json;

namespace WhatsAppGenesys.PortalService.Templates;

/// <summary>A template as the API shows it: <see cref="Id"/> is Meta's id, <see cref="Components"/> Meta's definition.</summary>
public sealed record TemplateView(
    string Id,
    string Name,
    string Language,
    string Category,
    string Status,
    string? RejectedReason,
    string ParameterFormat,
    JsonElement Components,
    DateTimeOffset StatusAt,
    DateTimeOffset? LastSyncedAt,
    DateTimeOffset UpdatedAt)
{
    public static TemplateView Of(MessageTemplateRow row) => new(
        row.MetaId, row.Name, row.Language, row.Category, row.Status, row.RejectedReason, row.ParameterFormat,
        Parse(row.Components), row.StatusAt, row.LastSyncedAt, row.UpdatedAt);

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}

/// <summary>What a sync did: pages read from Meta, templates Meta listed, and the local rows added, changed and removed.</summary>
public sealed record TemplateSyncReport(int Pages, int Listed, int Added, int Updated, int Removed);
