using WhatsAppGenesys.Messaging.Topology;

namespace WhatsAppGenesys.UnitTests.Messaging;

public class PartitionRouterTests
{
    [Theory]
    [InlineData("", 0xcbf29ce484222325UL)]
    [InlineData("a", 0xaf63dc4c8601ec8cUL)]
    [InlineData("foobar", 0x85944171f73967e8UL)]
    public void KeysAreHashedWithStandardFnv1a64SoEveryProcessAgrees(string key, ulong expected)
    {
        Assert.Equal(expected, PartitionRouter.Fnv1a(key));
    }

    [Fact]
    public void NonAsciiAndLongKeysHashTheirUtf8Bytes()
    {
        var longKey = new string('ß', 2_000);

        Assert.Equal(PartitionRouter.Fnv1a("tenant:ünïcödé"), PartitionRouter.Fnv1a("tenant:ünïcödé"));
        Assert.NotEqual(PartitionRouter.Fnv1a("tenant:u"), PartitionRouter.Fnv1a("tenant:ü"));
        Assert.Equal(PartitionRouter.Fnv1a(longKey), PartitionRouter.Fnv1a(new string('ß', 2_000)));
    }

    [Fact]
    public void EveryKeyMapsIntoRangeAndTheKeysSpreadEvenly()
    {
        const int Partitions = 8;
        var counts = new int[Partitions];
        for (var i = 0; i < 80_000; i++)
        {
            counts[PartitionRouter.PartitionOf($"tenant-{i % 7}:+49151{i:D7}", Partitions)]++;
        }

        Assert.All(counts, c => Assert.InRange(c, 9_000, 11_000));
    }

    [Fact]
    public void AddingAPartitionMovesOnlyTheKeysThatGoToTheNewOne()
    {
        var moved = 0;
        for (var i = 0; i < 10_000; i++)
        {
            var key = $"t:{i}";
            var before = PartitionRouter.PartitionOf(key, 8);
            var after = PartitionRouter.PartitionOf(key, 9);
            if (before != after)
            {
                moved++;
                Assert.Equal(8, after);
            }
        }

        Assert.InRange(moved, 900, 1_350); // about one in nine
    }

    [Fact]
    public void OnePartitionTakesEverythingAndZeroIsRejected()
    {
        Assert.Equal(0, PartitionRouter.PartitionOf("anything", 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => PartitionRouter.PartitionOf("anything", 0));
    }
}
