using WhatsAppGenesys.Contracts.State;
using WhatsAppGenesys.PortalService.Agents;

namespace WhatsAppGenesys.UnitTests.Portal;

/// <summary>When an agent's free text may go, and to which address: checked before Genesys or WhatsApp is asked.</summary>
public class AgentReplyPlanTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 12, 0, 0, TimeSpan.Zero);

    private static ConversationMapping Conversation(string? waId, string? bsuid, DateTimeOffset? lastInboundAt) =>
        new("demo", waId ?? bsuid ?? "nobody", Guid.NewGuid(), waId, bsuid, "Ada", "106540352242922", "genesys-conversation",
            Now.AddDays(-3), Now.AddMinutes(-5), lastInboundAt, "wamid.1");

    [Theory]
    [InlineData("15551234567", null, "+15551234567")]
    [InlineData("+15551234567", null, "+15551234567")]
    [InlineData(null, "US.13491208655302741918", "US.13491208655302741918")]
    public void TheReplyGoesToTheNumberOrElseTheBusinessScopedUserId(string? waId, string? bsuid, string expected)
    {
        var (address, refusal) = AgentReplyPlan.Decide(Conversation(waId, bsuid, Now.AddHours(-1)), "Hello", Now);
        Assert.Null(refusal);
        Assert.Equal(expected, address);
    }

    [Fact]
    public void OutsideTheTwentyFourHourWindowFreeTextIsRefused()
    {
        var (address, refusal) = AgentReplyPlan.Decide(Conversation("15551234567", null, Now.AddHours(-24)), "Hello", Now);
        Assert.Null(address);
        Assert.Equal((409, "Outside the 24-hour window"), (refusal!.Status, refusal.Title));
        Assert.Contains("template", refusal.Detail);
        Assert.Equal(409, AgentReplyPlan.Decide(Conversation("15551234567", null, null), "Hello", Now).Refusal!.Status);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public void AnEmptyReplyIsRefused(string? text) =>
        Assert.Equal(400, AgentReplyPlan.Decide(Conversation("15551234567", null, Now), text, Now).Refusal!.Status);

    [Fact]
    public void TwoThousandCharactersGoAndOneMoreIsRefused()
    {
        Assert.Null(AgentReplyPlan.Decide(Conversation("15551234567", null, Now), new string('a', 2000), Now).Refusal);
        var refusal = AgentReplyPlan.Decide(Conversation("15551234567", null, Now), new string('a', 2001), Now).Refusal!;
        Assert.Equal((400, "Message too long"), (refusal.Status, refusal.Title));
    }

    [Fact]
    public void ACustomerWithoutAnyAddressCannotBeAnswered() =>
        Assert.Equal("No address", AgentReplyPlan.Decide(Conversation(null, null, Now), "Hello", Now).Refusal!.Title);

    [Fact]
    public void AFileNeedsTheWindowLikeTextAndItsCaptionFitsWhatsAppsLimit()
    {
        Assert.Equal("+15551234567", AgentReplyPlan.DecideAttachment(Conversation("15551234567", null, Now.AddHours(-1)), null, Now).ToAddress);
        Assert.Null(AgentReplyPlan.DecideAttachment(Conversation("15551234567", null, Now), new string('a', 1024), Now).Refusal);
        Assert.Equal((400, "Caption too long"),
            AgentReplyPlan.DecideAttachment(Conversation("15551234567", null, Now), new string('a', 1025), Now).Refusal is { } tooLong
                ? (tooLong.Status, tooLong.Title) : default);
        Assert.Equal(409, AgentReplyPlan.DecideAttachment(Conversation("15551234567", null, Now.AddHours(-25)), "Label", Now).Refusal!.Status);
    }
}
