namespace WhatsAppGenesys.PortalService.Campaigns;

/// <summary>
/// <c>POST /api/v1/portal/campaigns</c>: an approved template, how its parameters are filled from each contact, who
/// receives it (lists and tags), when it starts (now when <see cref="Schedule"/> is absent) and, optionally, a rate cap.
/// </summary>
public sealed record CreateCampaignRequest(
    string? Name,
    CampaignTemplate? Template,
    IReadOnlyList<CampaignParameter>? Parameters,
    CampaignAudience? Audience,
    CampaignSchedule? Schedule,
    double? MessagesPerSecond);

/// <summary>A template by name and language (it must be APPROVED).</summary>
public sealed record CampaignTemplate(string? Name, string? Language);

/// <summary>
/// One template parameter: in the <c>body</c> (default) or a text <c>header</c>; <see cref="Name"/> is the placeholder
/// (<c>1</c>, <c>2</c>… for positional templates, the parameter name for named ones); <see cref="Source"/> is
/// <c>attribute</c> (the contact attribute named by <see cref="Value"/>), <c>name</c> (the contact's name),
/// <c>phone</c> (their number) or <c>literal</c> (<see cref="Value"/> itself).
/// </summary>
public sealed record CampaignParameter(string? Component, string? Name, string? Source, string? Value);

/// <summary>Who receives the campaign: the opted-in members of any of the lists and the contacts with any of the tags.</summary>
public sealed record CampaignAudience(IReadOnlyList<Guid>? Lists, IReadOnlyList<string>? Tags);

/// <summary>A local date and time (no offset, e.g. <c>2026-12-24T09:00:00</c>) in an IANA time zone (<c>Europe/Berlin</c>).</summary>
public sealed record CampaignSchedule(string? At, string? TimeZone);

public static class ParameterSources
{
    public const string Attribute = "attribute";
    public const string Name = "name";
    public const string Phone = "phone";
    public const string Literal = "literal";

    public static readonly string[] All = [Attribute, Name, Phone, Literal];
}
