namespace WhatsAppGenesys.PortalService.Templates;

/// <summary>How Meta's wording of statuses and reasons is stored.</summary>
public static class TemplateStatusText
{
    /// <summary>Meta says "NONE" (or nothing) when there is no reason; that is stored as no reason.</summary>
    public static string? Reason(string? reason) =>
        string.IsNullOrWhiteSpace(reason) || string.Equals(reason, "NONE", StringComparison.OrdinalIgnoreCase) ? null : reason;
}
