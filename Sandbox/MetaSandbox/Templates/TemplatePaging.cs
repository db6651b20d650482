using System.Buffers.Binary;
using Microsoft.AspNetCore.WebUtilities;
using WhatsAppGenesys.Contracts.Meta;

namespace WhatsAppGenesys.MetaSandbox.Templates;

// Graph cursor paging over templates ordered by id. A cursor is the base64url of an id, so "after" and "before" keep
// their meaning when the template they name is deleted. next/previous are absolute URLs with the same query.
public static class TemplatePaging
{
    public static string Cursor(long id)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(bytes, id);
        return Base64UrlTextEncoder.Encode(bytes.ToArray());
    }

    public static bool TryReadCursor(string cursor, out long id)
    {
        id = 0;
        try
        {
            var bytes = Base64UrlTextEncoder.Decode(cursor);
            if (bytes.Length != 8)
            {
                return false;
            }
            id = BinaryPrimitives.ReadInt64BigEndian(bytes);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    // items are in id order. after wins over before, as on Graph.
    public static MetaGraphList<MetaMessageTemplate> Page(IReadOnlyList<StoredTemplate> items, int limit, long? after, long? before,
        HttpRequest request)
    {
        int start, end;
        if (after is { } afterId)
        {
            start = items.Count(t => t.Id <= afterId);
            end = Math.Min(items.Count, start + limit);
        }
        else if (before is { } beforeId)
        {
            end = items.Count(t => t.Id < beforeId);
            start = Math.Max(0, end - limit);
        }
        else
        {
            start = 0;
            end = Math.Min(items.Count, limit);
        }
        var page = items.Skip(start).Take(end - start).ToList();
        if (page.Count == 0)
        {
            return new MetaGraphList<MetaMessageTemplate>();
        }
        var cursors = new MetaGraphCursors { Before = Cursor(page[0].Id), After = Cursor(page[^1].Id) };
        return new MetaGraphList<MetaMessageTemplate>
        {
            Data = [.. page.Select(t => t.ToContract())],
            Paging = new MetaGraphPaging
            {
                Cursors = cursors,
                Next = end < items.Count ? Link(request, limit, "after", cursors.After) : null,
                Previous = start > 0 ? Link(request, limit, "before", cursors.Before) : null,
            },
        };
    }

    private static string Link(HttpRequest request, int limit, string cursorName, string cursor)
    {
        var query = request.Query
            .Where(p => p.Key is not ("after" or "before" or "limit"))
            .Select(p => KeyValuePair.Create(p.Key, (string?)p.Value.ToString()))
            .Append(KeyValuePair.Create("limit", (string?)limit.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .Append(KeyValuePair.Create(cursorName, (string?)cursor));
        return $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}{QueryString.Create(query)}";
    }
}
