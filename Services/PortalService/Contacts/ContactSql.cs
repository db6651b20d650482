using Microsoft.EntityFrameworkCore;
using WhatsAppGenesys.PortalService.Data;

namespace WhatsAppGenesys.PortalService.Contacts;

/// <summary>
/// A query over one tenant's contacts (aliased <c>c</c>) in id order, built as SQL with EF Core's <c>{n}</c> parameter
/// placeholders: tag and attribute filters use PostgreSQL's array and jsonb containment, which their GIN indexes serve.
/// </summary>
public sealed class ContactSql
{
    private readonly List<object> _arguments = [];
    private readonly List<string> _conditions = [];

    public ContactSql(string tenantId) => Where($"c.tenant_id = {Argument(tenantId)}");

    /// <summary>A placeholder for <paramref name="value"/>, to use in a condition.</summary>
    public string Argument(object value)
    {
        _arguments.Add(value);
        return $"{{{_arguments.Count - 1}}}";
    }

    public ContactSql Where(string condition)
    {
        _conditions.Add(condition);
        return this;
    }

    public ContactSql Matching(ContactFilter filter)
    {
        if (Condition(filter) is { } condition)
        {
            Where(condition);
        }
        if (filter.ConsentStatus is { } status)
        {
            Where($"c.consent_status = {Argument(status)}");
        }
        if (filter.PhoneNumber is { } phone)
        {
            Where($"c.phone_number = {Argument(phone)}");
        }
        if (filter.Bsuid is { } bsuid)
        {
            Where($"c.bsuid = {Argument(bsuid)}");
        }
        return this;
    }

    /// <summary>The tag and attribute part of <paramref name="filter"/> as one condition, or null when it has neither.</summary>
    public string? Condition(ContactFilter filter)
    {
        var parts = new List<string>();
        if (filter.Tags.Count > 0)
        {
            parts.Add($"c.tags @> {Argument(ContactRules.NormalizeTags(filter.Tags).ToArray())}::text[]");
        }
        if (filter.Attributes.Count > 0)
        {
            parts.Add($"c.attributes @> {Argument(JsonbDictionary.Serialize(filter.Attributes))}::jsonb");
        }
        return parts.Count == 0 ? null : $"({string.Join(" AND ", parts)})";
    }

    public ContactSql After(Guid? id) => id is { } after ? Where($"c.id > {Argument(after)}") : this;

    /// <summary>The first <paramref name="limit"/> matching contacts after the cursor, untracked.</summary>
    public IQueryable<Contact> Take(PortalDbContext db, int limit)
    {
        // Only placeholders and fixed SQL are concatenated here; every value is an argument.
        var sql = string.Concat("SELECT c.* FROM contacts c WHERE ", string.Join(" AND ", _conditions), " ORDER BY c.id LIMIT ",
            limit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return db.Contacts.FromSqlRaw(sql, [.. _arguments]).AsNoTracking();
    }
}
