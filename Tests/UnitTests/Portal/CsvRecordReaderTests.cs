using WhatsAppGenesys.PortalService.Import;

namespace WhatsAppGenesys.UnitTests.Portal;

public class CsvRecordReaderTests
{
    private static async Task<List<CsvRecord>> ReadAllAsync(string text)
    {
        var reader = new CsvRecordReader(new StringReader(text));
        var records = new List<CsvRecord>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken) is { } record)
        {
            records.Add(record);
        }
        return records;
    }

    [Fact]
    public async Task FieldsAreSplitOnCommasAndRecordsOnAnyLineEnd()
    {
        var records = await ReadAllAsync("phone,name\r\n+491,Ada\n+492,Bob\r+493,\n");
        Assert.Equal([["phone", "name"], ["+491", "Ada"], ["+492", "Bob"], ["+493", ""]], records.Select(r => r.Fields.ToArray()));
        Assert.Equal([1, 2, 3, 4], records.Select(r => r.Line));
        Assert.All(records, r => Assert.Null(r.Error));
    }

    [Fact]
    public async Task QuotedFieldsKeepCommasQuotesAndLineBreaksAndLinesAreCountedInsideThem()
    {
        var records = await ReadAllAsync("name,note\n\"Lovelace, Ada\",\"said \"\"hi\"\"\r\nand left\"\n\"\",x\n");
        Assert.Equal(["Lovelace, Ada", "said \"hi\"\nand left"], records[1].Fields);
        Assert.Equal(2, records[1].Line);
        Assert.Equal(["", "x"], records[2].Fields);
        Assert.Equal(4, records[2].Line);
    }

    [Fact]
    public async Task BlankLinesAreSkippedButCounted()
    {
        var records = await ReadAllAsync("a\n\n\r\nb\n");
        Assert.Equal([1, 4], records.Select(r => r.Line));
    }

    [Fact]
    public async Task TheLastRecordNeedsNoLineEnd()
    {
        var records = await ReadAllAsync("a,b\n1,2");
        Assert.Equal(["1", "2"], records[1].Fields);
    }

    [Fact]
    public async Task MalformedQuotingIsReportedOnItsRecord()
    {
        var records = await ReadAllAsync("a,b\n\"x\"y,1\n2,\"open\n");
        Assert.Equal("a field has text after its closing quote", records[1].Error);
        Assert.Equal(3, records[2].Line);
        Assert.Equal("a quoted field is not closed", records[2].Error);
    }

    [Fact]
    public async Task AnOverlongRecordIsReportedWithoutItsContent()
    {
        var records = await ReadAllAsync("a\n\"" + new string('x', CsvRecordReader.MaxRecordLength + 10) + "\"\nb\n");
        Assert.Equal($"the row is longer than {CsvRecordReader.MaxRecordLength} characters", records[1].Error);
        Assert.Empty(records[1].Fields);
        Assert.Equal(["b"], records[2].Fields);
        Assert.Equal(3, records[2].Line);
    }

    [Fact]
    public async Task RecordsLongerThanTheBufferAreRead()
    {
        var name = new string('n', 40_000);
        var records = await ReadAllAsync($"phone,name\n+4930123456,{name}\n");
        Assert.Equal(name, records[1].Fields[1]);
    }
}
