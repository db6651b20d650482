using WhatsAppGenesys.Contracts.Genesys;
using WhatsAppGenesys.OutboundTransformer.Mapping;

namespace WhatsAppGenesys.UnitTests.Mapping;

public class QuickReplyMapperTests
{
    [Theory]
    [InlineData(1, "button")]
    [InlineData(3, "button")]
    [InlineData(4, "list")]
    [InlineData(10, "list")]
    public void UpToThreeRepliesAreButtonsAndUpToTenAList(int count, string expected)
    {
        var (message, rejection) = QuickReplyMapper.Map("Pick one", Replies(count));

        Assert.Null(rejection);
        Assert.Equal(expected, message!.Interactive.Type);
        Assert.Equal(count, expected == "button"
            ? message.Interactive.Action.Buttons!.Count
            : Assert.Single(message.Interactive.Action.Sections!).Rows.Count);
    }

    [Fact]
    public void ElevenRepliesAreMoreThanWhatsAppCanShow()
    {
        var (message, rejection) = QuickReplyMapper.Map("Pick one", Replies(11));

        Assert.Null(message);
        Assert.Equal(GenesysReasonCode.InvalidMessageStructure, rejection!.Reason);
    }

    [Fact]
    public void PayloadBecomesTheIdAndTextTheTitleFallingBackToEachOther()
    {
        var replies = new List<GenesysQuickReply> { new() { Text = "Yes" }, new() { Payload = "NO" } };

        var (message, _) = QuickReplyMapper.Map(null, replies);

        var buttons = message!.Interactive.Action.Buttons!.Select(b => (b.Reply.Id, b.Reply.Title));
        Assert.Equal([("Yes", "Yes"), ("NO", "NO")], buttons);
    }

    private static List<GenesysQuickReply> Replies(int count) =>
        Enumerable.Range(1, count).Select(i => new GenesysQuickReply { Text = $"Option {i}", Payload = $"P{i}" }).ToList();
}
