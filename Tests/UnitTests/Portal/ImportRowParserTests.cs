using WhatsAppGenesys.PortalService.Import;

namespace WhatsAppGenesys.UnitTests.Portal;

public class ImportRowParserTests
{
    private static ImportColumns Columns(params string[] header) => ImportColumns.Parse(new CsvRecord(1, header, null)).Columns!;

    private static CsvRecord Row(int line, params string[] fields) => new(line, fields, null);

    [Fact]
    public void ColumnsAreFoundByNameAndTheRestAreAttributes()
    {
        var columns = Columns(" Phone ", "NAME", "tags", "city", "plan");
        Assert.Equal((0, -1, 1, 2), (columns.Phone, columns.Bsuid, columns.Name, columns.Tags));
        Assert.Equal([(3, "city"), (4, "plan")], columns.Attributes);
    }

    [Theory]
    [InlineData(new[] { "name", "city" }, "A 'phone' or a 'bsuid' column is required.")]
    [InlineData(new[] { "phone", "Phone" }, "Column 'phone' appears 2 times.")]
    [InlineData(new[] { "phone", "first name" }, "Column 'first name' cannot be an attribute name (letters, digits, '_', '-' and '.', 1 to 64 characters, starting with a letter).")]
    public void UnusableHeadersAreRefused(string[] header, string error)
    {
        var (columns, errors) = ImportColumns.Parse(new CsvRecord(1, header, null));
        Assert.Null(columns);
        Assert.Equal([error], errors["header"]);
    }

    [Fact]
    public void AnEmptyFileHasNoHeader()
    {
        Assert.Contains("body", ImportColumns.Parse(null).Errors.Keys);
    }

    [Fact]
    public void AValidRowBecomesANormalisedContact()
    {
        var (row, rejection) = ImportRowParser.Parse(
            Row(7, "030 1234567", "Ada", " VIP; newsletter;;vip ", "Berlin", ""), Columns("phone", "name", "tags", "city", "plan"), "49");
        Assert.Null(rejection);
        Assert.Equal(7, row!.Line);
        Assert.Equal("+49301234567", row.Contact.PhoneNumber);
        Assert.Equal("Ada", row.Contact.Name);
        Assert.Equal(["vip", "newsletter"], row.Contact.Tags);
        // An empty cell sets nothing.
        Assert.Equal(new Dictionary<string, string> { ["city"] = "Berlin" }, row.Contact.Attributes);
    }

    [Fact]
    public void ABsuidAloneIsEnough()
    {
        var (row, _) = ImportRowParser.Parse(Row(2, "", "US.13491208655302741918"), Columns("phone", "bsuid"), null);
        Assert.Null(row!.Contact.PhoneNumber);
        Assert.Equal("US.13491208655302741918", row.Contact.Bsuid);
    }

    [Theory]
    [InlineData(new[] { "030 1234567", "" }, "phone: '030 1234567' has no country code (write it with + or 00, or give a default country code).")]
    [InlineData(new[] { "", "" }, "phone: A phone number or a BSUID is required.")]
    [InlineData(new[] { "+49301234567", "nope" }, "bsuid: 'nope' is not a BSUID (country, a dot, then the id, e.g. US.13491208655302741918).")]
    [InlineData(new[] { "12", "bad" }, "phone: '12' has no country code (write it with + or 00, or give a default country code). bsuid: 'bad' is not a BSUID (country, a dot, then the id, e.g. US.13491208655302741918).")]
    public void InvalidRowsAreRejectedWithEveryReason(string[] fields, string reason)
    {
        var (row, rejection) = ImportRowParser.Parse(Row(5, fields), Columns("phone", "bsuid"), null);
        Assert.Null(row);
        Assert.Equal(new ImportRejection(5, reason), rejection);
    }

    [Fact]
    public void RowsWithTheWrongNumberOfFieldsOrBrokenQuotingAreRejected()
    {
        var columns = Columns("phone", "name");
        Assert.Equal("Has 3 fields; the header has 2.", ImportRowParser.Parse(Row(3, "+49301234567", "a", "b"), columns, null).Rejection!.Reason);
        Assert.Equal("Not valid CSV: a quoted field is not closed.",
            ImportRowParser.Parse(new CsvRecord(4, ["+49301234567", "x"], "a quoted field is not closed"), columns, null).Rejection!.Reason);
    }

    [Fact]
    public void TooManyTagsAreRejected()
    {
        var tags = string.Join(';', Enumerable.Range(0, 51).Select(i => $"t{i}"));
        Assert.Equal("tags: At most 50 tags.", ImportRowParser.Parse(Row(9, "+49301234567", tags), Columns("phone", "tags"), null).Rejection!.Reason);
    }
}
