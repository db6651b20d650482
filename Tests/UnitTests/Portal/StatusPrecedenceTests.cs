using WhatsAppGenesys.Contracts.Events;
using WhatsAppGenesys.PortalService.History;

namespace WhatsAppGenesys.UnitTests.Portal;

/// <summary>Out-of-order statuses never move a message back: read beats delivered beats failed beats sent.</summary>
public class StatusPrecedenceTests
{
    [Theory]
    [InlineData("sent", null, true)]
    [InlineData("delivered", "sent", true)]
    [InlineData("read", "delivered", true)]
    [InlineData("read", "sent", true)]
    [InlineData("sent", "delivered", false)]
    [InlineData("delivered", "read", false)]
    [InlineData("sent", "read", false)]
    [InlineData("failed", "sent", true)]
    [InlineData("failed", "delivered", false)]
    [InlineData("failed", "read", false)]
    [InlineData("delivered", "failed", true)]
    [InlineData("sent", "failed", false)]
    [InlineData("read", "read", false)]
    [InlineData("failed", "failed", false)]
    public void ALaterEventReplacesTheCurrentStatusOnlyWhenItIsStronger(string incoming, string? current, bool replaces)
    {
        Assert.Equal(replaces, StatusPrecedence.Supersedes(incoming, current));
    }

    [Fact]
    public void TheStatusesAnUpdateMayOverwriteAreExactlyTheWeakerOnes()
    {
        Assert.Empty(StatusPrecedence.Weaker(HistoryStatuses.Sent));
        Assert.Equal([HistoryStatuses.Sent], StatusPrecedence.Weaker(HistoryStatuses.Failed));
        Assert.Equal([HistoryStatuses.Sent, HistoryStatuses.Failed], StatusPrecedence.Weaker(HistoryStatuses.Delivered));
        Assert.Equal([HistoryStatuses.Sent, HistoryStatuses.Failed, HistoryStatuses.Delivered], StatusPrecedence.Weaker(HistoryStatuses.Read));
        Assert.Empty(StatusPrecedence.Weaker("played"));
    }

    [Fact]
    public void TheStrongestOfStatusesThatArrivedInAnyOrderWins()
    {
        string[] arrived = ["read", "sent", "delivered"];

        Assert.Equal("read", StatusPrecedence.Strongest(arrived, s => s));
        Assert.Null(StatusPrecedence.Strongest(Array.Empty<string>(), s => s));
    }

    [Fact]
    public void AStatusTheHistoryDoesNotKeepNeverReplacesOne()
    {
        Assert.False(StatusPrecedence.Supersedes("deleted", "sent"));
        Assert.False(StatusPrecedence.Supersedes("played", null));
    }
}
