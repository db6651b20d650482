using WhatsAppGenesys.PortalService.Contacts;

namespace WhatsAppGenesys.PortalService.Import;

/// <summary>A row ready to write: its line in the file and its contact data.</summary>
public sealed record ImportRow(int Line, ContactDraft Contact);

/// <summary>A row left out, with its line in the file and why.</summary>
public sealed record ImportRejection(int Line, string Reason);

/// <summary>
/// Turns one CSV record into a contact, checked like the API checks one: a number normalised to E.164 (national numbers
/// only with the import's default country code), a valid BSUID, tags split on ';'. An empty cell sets nothing, so
/// re-importing a file with fewer columns does not erase what contacts already have.
/// </summary>
public static class ImportRowParser
{
    private static readonly string[] FieldOrder = ["phone", "bsuid", "name", "attributes", "tags"];

    public static (ImportRow? Row, ImportRejection? Rejection) Parse(CsvRecord record, ImportColumns columns, string? defaultCountryCode)
    {
        if (record.Error is { } malformed)
        {
            return (null, new ImportRejection(record.Line, $"Not valid CSV: {malformed}."));
        }
        if (record.Fields.Count != columns.Count)
        {
            return (null, new ImportRejection(record.Line, $"Has {record.Fields.Count} fields; the header has {columns.Count}."));
        }
        var attributes = new Dictionary<string, string>();
        foreach (var (index, key) in columns.Attributes)
        {
            if (record.Fields[index].Trim() is { Length: > 0 } value)
            {
                attributes[key] = value;
            }
        }
        var tags = columns.Tags >= 0
            ? record.Fields[columns.Tags].Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            : [];
        var result = ContactDraft.Create(
            Cell(record, columns.Phone), Cell(record, columns.Bsuid), Cell(record, columns.Name), attributes, tags, defaultCountryCode);
        if (result.Draft is { } draft)
        {
            return (new ImportRow(record.Line, draft), null);
        }
        var reasons = FieldOrder.Where(result.Errors.ContainsKey).Select(field => $"{field}: {string.Join(" ", result.Errors[field])}");
        return (null, new ImportRejection(record.Line, string.Join(" ", reasons)));
    }

    private static string? Cell(CsvRecord record, int index) => index >= 0 ? record.Fields[index] : null;
}
