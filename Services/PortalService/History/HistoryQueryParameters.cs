using System.Globalization;

namespace WhatsAppGenesys.PortalService.History;

/// <summary>Reads the query string of the history API, collecting a clear message per bad field (answered as a 400).</summary>
public sealed class HistoryQueryParameters
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;
    public const int MaxSearchText = 200;

    public Dictionary<string, string[]> Errors { get; } = [];

    public bool IsValid => Errors.Count == 0;

    public HistoryCursor? Cursor(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }
        if (HistoryCursor.TryDecode(value, out var cursor))
        {
            return cursor;
        }
        Errors["cursor"] = ["Not a cursor this API returned: pass nextCursor from the previous page unchanged."];
        return null;
    }

    public int Limit(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return DefaultLimit;
        }
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit is >= 1 and <= MaxLimit)
        {
            return limit;
        }
        Errors["limit"] = [$"A whole number from 1 to {MaxLimit}."];
        return DefaultLimit;
    }

    /// <summary>An ISO 8601 instant; a date or time without an offset is taken as UTC.</summary>
    public DateTimeOffset? Instant(string field, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }
        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var instant))
        {
            return instant.ToUniversalTime();
        }
        Errors[field] = ["An ISO 8601 date or date-time, e.g. 2026-03-25 or 2026-03-25T13:20:05Z."];
        return null;
    }

    public string? Customer(string field, string? value)
    {
        if (value is null)
        {
            return null;
        }
        if (CustomerKey.TryNormalize(value, out var key))
        {
            return key;
        }
        Errors[field] = [CustomerKey.Rule];
        return null;
    }

    public string? SearchText(string? value)
    {
        if (value is null)
        {
            return null;
        }
        var text = value.Trim();
        if (text.Length is >= 1 and <= MaxSearchText)
        {
            return text;
        }
        Errors["text"] = [$"From 1 to {MaxSearchText} characters."];
        return null;
    }

    public void Range(DateTimeOffset? from, DateTimeOffset? to)
    {
        if (from > to)
        {
            Errors["to"] = ["Must not be earlier than from."];
        }
    }
}
