using WhatsAppGenesys.Contracts.Events;
using WhatsAppGenesys.PortalService.Agents;
using WhatsAppGenesys.PortalService.History;

namespace WhatsAppGenesys.UnitTests.Portal;

/// <summary>The agent portal's rules: the list filters, who may list everything, the 24-hour window, and the message mapping.</summary>
public class AgentConversationRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(null, AgentConversationFilter.Open)]
    [InlineData("", AgentConversationFilter.Open)]
    [InlineData("open", AgentConversationFilter.Open)]
    [InlineData("mine", AgentConversationFilter.Mine)]
    [InlineData("ALL", AgentConversationFilter.All)]
    public void AFilterIsReadAndOpenIsTheDefault(string? value, AgentConversationFilter expected)
    {
        Assert.True(AgentConversationFilters.TryParse(value, out var filter));
        Assert.Equal(expected, filter);
    }

    [Theory]
    [InlineData("closed")]
    [InlineData("1")]
    public void AnUnknownFilterIsRefused(string value) => Assert.False(AgentConversationFilters.TryParse(value, out _));

    [Theory]
    [InlineData(AgentRoles.Admin, true)]
    [InlineData(AgentRoles.Supervisor, true)]
    [InlineData(AgentRoles.Agent, false)]
    public void OnlyAdminsAndSupervisorsListAll(string role, bool allowed)
    {
        Assert.Equal(allowed, AgentConversationFilters.IsAllowed(AgentConversationFilter.All, role));
        Assert.True(AgentConversationFilters.IsAllowed(AgentConversationFilter.Mine, role));
        Assert.True(AgentConversationFilters.IsAllowed(AgentConversationFilter.Open, role));
    }

    [Fact]
    public void TheWindowIsOpenForTwentyFourHoursAfterTheCustomersLastMessage()
    {
        Assert.True(CustomerServiceWindow.IsOpen(Now.AddHours(-23).AddMinutes(-59), Now));
        Assert.False(CustomerServiceWindow.IsOpen(Now.AddHours(-24), Now));
        Assert.False(CustomerServiceWindow.IsOpen(null, Now));
        Assert.Equal(Now.AddDays(-1), CustomerServiceWindow.OpenAfter(Now));
    }

    [Fact]
    public void AMessageCarriesItsRowIdAsSequenceAndItsMediaLink()
    {
        var row = Row(HistoryStatuses.Delivered);
        var media = new HistoryMediaView("https://s3/x?sig", Now.AddMinutes(15), "image/jpeg", "a.jpg", "look", 10);

        var message = AgentMessageMapper.Message(row, media);

        Assert.Equal(42, message.Sequence);
        Assert.Equal(row.ConversationId, message.ConversationId);
        Assert.Equal("https://s3/x?sig", message.Media!.Url);
        Assert.Equal("look", message.Media.Caption);
        Assert.Equal(HistoryStatuses.Delivered, message.Status);
        Assert.Null(message.FailureReason);
    }

    [Fact]
    public void AFailedMessageSaysWhyInWordsOrByItsCode()
    {
        var withReason = Row(HistoryStatuses.Failed, "131047", "Re-engagement message");
        var withCodeOnly = Row(HistoryStatuses.Failed, "131047", null);

        Assert.Equal("Re-engagement message", AgentMessageMapper.Message(withReason, null).FailureReason);
        Assert.Equal("WhatsApp error 131047", AgentMessageMapper.Message(withCodeOnly, null).FailureReason);
    }

    private static HistoryMessageRow Row(string status, string? failureCode = null, string? failureReason = null) => new()
    {
        Id = 42,
        TenantId = "tenant-a",
        ConversationId = Guid.NewGuid(),
        CustomerId = "+4915112345678",
        Direction = HistoryDirections.Outbound,
        MessageId = "wamid.1",
        Type = "image",
        OccurredAt = Now,
        Status = status,
        FailureCode = failureCode,
        FailureReason = failureReason,
    };
}
