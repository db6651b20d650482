using Microsoft.EntityFrameworkCore;
using WhatsAppGenesys.Contracts.Meta;
using WhatsAppGenesys.PortalService.Data;

namespace WhatsAppGenesys.PortalService.Templates;

/// <summary>
/// Would Meta accept a send of this template with these parameters? Answered from the tenant's stored templates, so
/// the API's <c>/validate</c> and campaigns (in process, before every batch) ask the same question the same way.
/// </summary>
public sealed class TemplateValidator(PortalDbContext db)
{
    /// <summary>Empty when the send fits; otherwise what is wrong, by field (<c>name</c>, <c>language</c>, <c>status</c>, <c>body</c>…).</summary>
    public async Task<Dictionary<string, string[]>> ValidateAsync(
        string tenantId, string name, string language, IReadOnlyList<MetaTemplateComponent> components, CancellationToken ct)
    {
        var languages = await db.Templates.AsNoTracking()
            .Where(t => t.TenantId == tenantId && t.Name == name)
            .ToListAsync(ct);
        if (languages.Count == 0)
        {
            return new() { ["name"] = [$"The tenant has no template '{name}' (create it, or sync with Meta)."] };
        }
        if (languages.FirstOrDefault(t => t.Language == language) is not { } template)
        {
            return new() { ["language"] = [$"'{name}' exists in {string.Join(", ", languages.Select(t => t.Language).Order(StringComparer.Ordinal))}, not in {language}."] };
        }
        if (template.Status != MetaTemplateStatus.Approved)
        {
            return new() { ["status"] = [$"'{name}' in {language} is {template.Status}; only {MetaTemplateStatus.Approved} templates can be sent."] };
        }
        return TemplateParameterCheck.Check(TemplateDefinition.Deserialize(template.Components), template.ParameterFormat, components);
    }
}
