using WhatsAppGenesys.Contracts.Tenancy;

namespace WhatsAppGenesys.UnitTests.Storage;

/// <summary>A tenant's storage retention: the defaults, and the values refused with the field named.</summary>
public class StorageRetentionTests
{
    [Fact]
    public void TheDefaultsAreSevenDaysToColdThirtyToDeleteAndNinetyForMedia()
    {
        Assert.Equal(new StorageRetention(7, 30, 90), StorageRetention.Defaults);
        Assert.Empty(StorageRetention.Defaults.Validate());
    }

    [Theory]
    [InlineData(0, 30, 90, "rawColdAfterDays")]
    [InlineData(7, 0, 90, "rawDeleteAfterDays")]
    [InlineData(7, 30, 0, "mediaDeleteAfterDays")]
    [InlineData(7, 3651, 90, "rawDeleteAfterDays")]
    [InlineData(-1, 30, 90, "rawColdAfterDays")]
    [InlineData(30, 30, 90, "rawColdAfterDays")]
    [InlineData(31, 30, 90, "rawColdAfterDays")]
    public void BadValuesAreRefusedByField(int cold, int delete, int media, string field)
    {
        var errors = new StorageRetention(cold, delete, media).Validate();

        Assert.Equal([field], errors.Keys);
    }
}
