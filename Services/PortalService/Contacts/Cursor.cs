namespace WhatsAppGenesys.PortalService.Contacts;

/// <summary>
/// Keyset paging: a page ends with an opaque cursor (the last row's UUIDv7 in base64url), and the next page starts
/// after that id, so pages stay stable and cheap however deep a client pages.
/// </summary>
public static class Cursor
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    public static string Encode(Guid id) => Convert.ToBase64String(id.ToByteArray(bigEndian: true)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static bool TryDecode(string? cursor, out Guid? after)
    {
        after = null;
        if (string.IsNullOrEmpty(cursor))
        {
            return true;
        }
        try
        {
            var base64 = cursor.Replace('-', '+').Replace('_', '/') + "==";
            var bytes = Convert.FromBase64String(base64);
            if (bytes.Length != 16)
            {
                return false;
            }
            after = new Guid(bytes, bigEndian: true);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>Errors of a page request, by query parameter.</summary>
    public static Dictionary<string, string[]> Check(string? cursor, int? limit, out Guid? after)
    {
        var errors = new Dictionary<string, string[]>();
        if (!TryDecode(cursor, out after))
        {
            errors["cursor"] = ["Not a cursor this API returned."];
        }
        if (limit is < 1 or > MaxLimit)
        {
            errors["limit"] = [$"Between 1 and {MaxLimit}."];
        }
        return errors;
    }
}

/// <summary>One page of results; <see cref="NextCursor"/> is null on the last page.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);
