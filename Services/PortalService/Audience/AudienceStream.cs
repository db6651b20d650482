using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using WhatsAppGenesys.PortalService.Consent;
using WhatsAppGenesys.PortalService.Contacts;
using WhatsAppGenesys.PortalService.Data;
using WhatsAppGenesys.PortalService.Lists;

namespace WhatsAppGenesys.PortalService.Audience;

/// <summary>Who a campaign goes to: the members of any of <see cref="ListIds"/> and the contacts with any of <see cref="Tags"/>.</summary>
public sealed record AudienceDefinition(IReadOnlyList<Guid> ListIds, IReadOnlyList<string> Tags);

/// <summary>One recipient of an audience, with what a template may need of them.</summary>
public sealed record AudienceMember(Guid ContactId, string? PhoneNumber, string? Bsuid, string? Name, IReadOnlyDictionary<string, string> Attributes);

/// <summary>
/// Streams an audience without holding it: the tenant's opted-in contacts that are in any of the lists or have any of
/// the tags, each once, in id order, read a page of <see cref="PageSize"/> at a time by keyset. No connection or
/// transaction stays open between pages, so a consumer may take hours (a campaign throttled by Meta); it can resume
/// after the last contact it handled with <c>after</c>. Lists and tags of other tenants match nobody.
/// </summary>
public sealed class AudienceStream(PortalDbContext db)
{
    public const int PageSize = 1000;

    public async IAsyncEnumerable<AudienceMember> StreamAsync(
        string tenantId, AudienceDefinition audience, Guid? after = null, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var listIds = audience.ListIds.Distinct().ToArray();
        var lists = await db.Lists.AsNoTracking().Where(l => l.TenantId == tenantId && listIds.Contains(l.Id)).ToListAsync(ct);
        var tags = ContactRules.NormalizeTags(audience.Tags).ToArray();
        if (lists.Count == 0 && tags.Length == 0)
        {
            yield break;
        }
        while (true)
        {
            var sql = new ContactSql(tenantId);
            var alternatives = lists.Select(list => ListStore.MembershipCondition(sql, list)).ToList();
            if (tags.Length > 0)
            {
                alternatives.Add($"c.tags && {sql.Argument(tags)}::text[]");
            }
            // Opted-out contacts are never part of an audience.
            sql.Where($"c.consent_status = {sql.Argument(ConsentStatus.OptedIn)}")
                .Where($"({string.Join(" OR ", alternatives)})")
                .After(after);
            var page = await sql.Take(db, PageSize).ToListAsync(ct);
            foreach (var contact in page)
            {
                yield return new AudienceMember(contact.Id, contact.PhoneNumber, contact.Bsuid, contact.Name, contact.Attributes);
            }
            if (page.Count < PageSize)
            {
                yield break;
            }
            after = page[^1].Id;
        }
    }
}
