using System.Text.Json;
using WhatsAppGenesys.Contracts.Meta;

namespace WhatsAppGenesys.PortalService.Templates;

/// <summary>The stored components column: Meta's JSON array of definition components.</summary>
public static class TemplateDefinition
{
    public static string Serialize(IReadOnlyList<MetaTemplateDefinitionComponent> components) =>
        JsonSerializer.Serialize(components, MetaJson.Options);

    public static IReadOnlyList<MetaTemplateDefinitionComponent> Deserialize(string json) =>
        JsonSerializer.Deserialize<List<MetaTemplateDefinitionComponent>>(json, MetaJson.Options) ?? [];
}
