using WhatsAppGenesys.PortalService.Contacts;

namespace WhatsAppGenesys.PortalService.Import;

/// <summary>
/// The header row of an import: which column holds the phone number, the BSUID, the name and the tags
/// (semicolon-separated); every other column is an attribute named after its header. Header names are trimmed and
/// matched ignoring case; a phone or a BSUID column is required.
/// </summary>
public sealed class ImportColumns
{
    private ImportColumns(int count, int phone, int bsuid, int name, int tags, IReadOnlyList<(int Index, string Key)> attributes)
    {
        Count = count;
        Phone = phone;
        Bsuid = bsuid;
        Name = name;
        Tags = tags;
        Attributes = attributes;
    }

    public int Count { get; }
    public int Phone { get; }
    public int Bsuid { get; }
    public int Name { get; }
    public int Tags { get; }
    public IReadOnlyList<(int Index, string Key)> Attributes { get; }

    /// <summary>The columns of <paramref name="header"/>, or the errors that make it unusable (by field, for a validation problem).</summary>
    public static (ImportColumns? Columns, Dictionary<string, string[]> Errors) Parse(CsvRecord? header)
    {
        var errors = new Dictionary<string, string[]>();
        if (header is null)
        {
            errors["body"] = ["The file is empty; the first line must name the columns (phone, bsuid, name, tags, attributes)."];
            return (null, errors);
        }
        if (header.Error is { } malformed)
        {
            errors["header"] = [$"The header row is not valid CSV: {malformed}."];
            return (null, errors);
        }
        var names = header.Fields.Select(f => f.Trim()).ToList();
        var problems = new List<string>();
        foreach (var duplicate in names.GroupBy(n => n, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            problems.Add($"Column '{duplicate.Key}' appears {duplicate.Count()} times.");
        }
        var attributes = new List<(int, string)>();
        int phone = -1, bsuid = -1, name = -1, tags = -1;
        for (var i = 0; i < names.Count; i++)
        {
            switch (names[i].ToLowerInvariant())
            {
                case "phone": phone = i; break;
                case "bsuid": bsuid = i; break;
                case "name": name = i; break;
                case "tags": tags = i; break;
                default:
                    if (ContactRules.CheckAttributes(new Dictionary<string, string> { [names[i]] = "" }) is not null)
                    {
                        problems.Add($"Column '{names[i]}' cannot be an attribute name (letters, digits, '_', '-' and '.', 1 to {ContactRules.MaxAttributeKeyLength} characters, starting with a letter).");
                    }
                    attributes.Add((i, names[i]));
                    break;
            }
        }
        if (phone < 0 && bsuid < 0)
        {
            problems.Add("A 'phone' or a 'bsuid' column is required.");
        }
        if (attributes.Count > ContactRules.MaxAttributes)
        {
            problems.Add($"At most {ContactRules.MaxAttributes} attribute columns.");
        }
        if (problems.Count > 0)
        {
            errors["header"] = [.. problems];
            return (null, errors);
        }
        return (new ImportColumns(names.Count, phone, bsuid, name, tags, attributes), errors);
    }
}
