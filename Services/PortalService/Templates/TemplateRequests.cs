using WhatsAppGenesys.Contracts.Meta;

namespace WhatsAppGenesys.PortalService.Templates;

/// <summary>
/// <c>POST /api/v1/portal/templates</c>: a template definition in Meta's own shape (components with their examples),
/// so whatever Meta's documentation shows can be sent as it is.
/// </summary>
public sealed record CreateTemplateRequest(
    string? Name,
    string? Language,
    string? Category,
    string? ParameterFormat,
    IReadOnlyList<MetaTemplateDefinitionComponent>? Components);

/// <summary>
/// <c>POST /api/v1/portal/templates/validate</c>: would a send of this template with these parameters be accepted?
/// The components are those of a send (<c>header</c>, <c>body</c>, <c>button</c> with their parameters).
/// </summary>
public sealed record ValidateTemplateRequest(
    string? Name,
    string? Language,
    IReadOnlyList<MetaTemplateComponent>? Components);
