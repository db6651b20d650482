using Microsoft.EntityFrameworkCore;
using WhatsAppGenesys.PortalService.Contacts;
using WhatsAppGenesys.PortalService.Data;
using WhatsAppGenesys.PortalService.Templates;

namespace WhatsAppGenesys.PortalService.Campaigns;

/// <summary>
/// Turns a request into a scheduled campaign, or says what is wrong: the request's fields (400), then the template
/// (422: it must exist, be APPROVED and take exactly the mapped parameters, checked by <see cref="TemplateValidator"/>
/// with sample values, as the API's <c>/templates/validate</c> checks a send).
/// </summary>
public sealed class CampaignCreation(PortalDbContext db, TemplateValidator validator, CampaignStore store, TimeProvider clock)
{
    public async Task<CreationResult> CreateAsync(string tenantId, CreateCampaignRequest request, CancellationToken ct)
    {
        var errors = CampaignRules.Validate(request);
        var now = clock.GetUtcNow();
        var startsAt = now;
        if (request.Schedule is { } schedule)
        {
            var (resolved, scheduleErrors) = ScheduleResolver.Resolve(schedule);
            foreach (var (field, messages) in scheduleErrors)
            {
                errors[field] = messages;
            }
            startsAt = resolved ?? now;
        }
        var listIds = request.Audience?.Lists?.Distinct().ToList() ?? [];
        if (listIds.Count > 0)
        {
            var known = await db.Lists.CountAsync(l => l.TenantId == tenantId && listIds.Contains(l.Id), ct);
            if (known != listIds.Count)
            {
                errors["audience.lists"] = ["Every list must be one of the tenant's lists."];
            }
        }
        if (errors.Count > 0)
        {
            return new CreationResult(null, errors, Unprocessable: false);
        }

        var template = await db.Templates.AsNoTracking()
            .FirstOrDefaultAsync(t => t.TenantId == tenantId && t.Name == request.Template!.Name && t.Language == request.Template.Language, ct);
        var mapping = request.Parameters ?? [];
        var named = TemplateRules.IsNamed(template?.ParameterFormat);
        var sample = ParameterMapping.Components(mapping, ParameterMapping.Samples(mapping), named) ?? [];
        var templateErrors = await validator.ValidateAsync(tenantId, request.Template!.Name!, request.Template.Language!, sample, ct);
        if (templateErrors.Count > 0)
        {
            return new CreationResult(null, templateErrors.ToDictionary(e => $"template.{e.Key}", e => e.Value), Unprocessable: true);
        }

        var campaign = await store.AddAsync(new Campaign
        {
            Id = Guid.CreateVersion7(now),
            TenantId = tenantId,
            Name = request.Name!.Trim(),
            TemplateName = request.Template.Name!,
            TemplateLanguage = request.Template.Language!,
            ParameterFormat = template!.ParameterFormat,
            Parameters = CampaignJson.Write(mapping),
            Audience = CampaignJson.Write(new CampaignAudience(listIds, ContactRules.NormalizeTags(request.Audience!.Tags ?? []))),
            ScheduledAt = startsAt,
            TimeZone = request.Schedule?.TimeZone?.Trim(),
            LocalTime = request.Schedule?.At?.Trim(),
            MessagesPerSecond = request.MessagesPerSecond,
            Status = CampaignStatuses.Scheduled,
            CreatedAt = now,
            UpdatedAt = now,
        }, ct);
        return new CreationResult(campaign, [], Unprocessable: false);
    }
}

/// <summary>The campaign made, or the errors by field (422 when only the template check failed).</summary>
public sealed record CreationResult(Campaign? Campaign, Dictionary<string, string[]> Errors, bool Unprocessable);
