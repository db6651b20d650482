using WhatsAppGenesys.Contracts.Genesys;
using WhatsAppGenesys.Contracts.Meta;

namespace WhatsAppGenesys.UnitTests.Mapping;

public class MetaErrorCatalogTests
{
    // Each Meta error code the bridge classifies: code, retry?, back off?, Genesys receipt reason.
    [Theory]
    [InlineData(0, false, false, GenesysReasonCode.GeneralError)]
    [InlineData(190, false, false, GenesysReasonCode.GeneralError)]
    [InlineData(4, true, true, GenesysReasonCode.RateLimited)]
    [InlineData(80007, true, true, GenesysReasonCode.RateLimited)]
    [InlineData(130429, true, true, GenesysReasonCode.RateLimited)]
    [InlineData(131056, true, true, GenesysReasonCode.RateLimited)]
    [InlineData(131048, false, false, GenesysReasonCode.RateLimited)]
    [InlineData(131047, false, false, GenesysReasonCode.MessageExpired)]
    [InlineData(131026, false, false, GenesysReasonCode.InvalidDestination)]
    [InlineData(131049, true, true, GenesysReasonCode.MessageNotAllowed)]
    [InlineData(130472, false, false, GenesysReasonCode.MessageNotAllowed)]
    [InlineData(131051, false, false, GenesysReasonCode.UnsupportedMessage)]
    [InlineData(131052, false, false, GenesysReasonCode.GeneralError)]
    [InlineData(131053, false, false, GenesysReasonCode.MediaTypeNotAllowed)]
    [InlineData(131008, false, false, GenesysReasonCode.InvalidMessageStructure)]
    [InlineData(131009, false, false, GenesysReasonCode.InvalidMessageStructure)]
    [InlineData(132000, false, false, GenesysReasonCode.InvalidMessageStructure)]
    [InlineData(132001, false, false, GenesysReasonCode.InvalidMessageStructure)]
    [InlineData(131000, true, false, GenesysReasonCode.ServerError)]
    [InlineData(1, true, false, GenesysReasonCode.ServerError)]
    [InlineData(2, true, false, GenesysReasonCode.ServerError)]
    [InlineData(131057, true, true, GenesysReasonCode.RateLimited)]
    [InlineData(368, false, false, GenesysReasonCode.MessageNotAllowed)]
    [InlineData(131031, false, false, GenesysReasonCode.MessageNotAllowed)]
    public void EveryDocumentedCodeHasItsHandling(int code, bool retryable, bool backOff, GenesysReasonCode reason)
    {
        var known = MetaErrorCatalog.Classify(code);

        Assert.Equal((code, retryable, backOff, reason), (known.Code, known.Retryable, known.BackOff, known.Reason));
        Assert.NotEqual(MetaErrorKind.Unknown, known.Kind);
    }

    [Fact]
    public void AuthenticationCodesTellTheCallerToRefreshTheToken()
    {
        Assert.Equal(MetaErrorKind.Authentication, MetaErrorCatalog.Classify(190).Kind);
        Assert.Equal(MetaErrorKind.WindowExpired, MetaErrorCatalog.Classify(131047).Kind);
    }

    [Fact]
    public void UnknownCodeIsNotRetriedAndShowsAsGeneralError()
    {
        var unknown = MetaErrorCatalog.Classify(999999);

        Assert.False(unknown.Retryable);
        Assert.Equal(GenesysReasonCode.GeneralError, unknown.Reason);
        Assert.Equal(MetaErrorKind.Unknown, unknown.Kind);
    }

    [Fact]
    public void BackOffOnlyAppliesToRetryableCodes()
    {
        Assert.All(MetaErrorCatalog.All.Where(c => c.BackOff), c => Assert.True(c.Retryable, c.Code.ToString()));
    }

    [Fact]
    public void DescriptionUsesMetasTitleAndDetailsWithTheCode()
    {
        var error = new MetaError
        {
            Code = 131026, Title = "Message undeliverable",
            ErrorData = new MetaErrorData { Details = "Recipient is not a WhatsApp user" },
        };

        Assert.Equal("WhatsApp error 131026: Message undeliverable. Recipient is not a WhatsApp user",
            MetaErrorCatalog.Describe(error));
    }

    [Fact]
    public void DescriptionFallsBackToOurMeaningAndSkipsRepeatedDetails()
    {
        Assert.Equal("WhatsApp error 131047: More than 24 hours since the customer last replied; a template is needed",
            MetaErrorCatalog.Describe(new MetaError { Code = 131047 }));
        Assert.Equal("WhatsApp error 131051: Unsupported message type",
            MetaErrorCatalog.Describe(new MetaError { Code = 131051, Title = "Unsupported message type", Details = "Unsupported message type" }));
    }

    [Fact]
    public void GraphErrorDescriptionDropsTheCodePrefixOfTheMessage()
    {
        var graph = new MetaGraphError
        {
            Code = 131047, Message = "(#131047) Re-engagement message",
            ErrorData = new MetaErrorData { Details = "More than 24 hours have passed." },
        };

        Assert.Equal("WhatsApp error 131047: Re-engagement message. More than 24 hours have passed.",
            MetaErrorCatalog.Describe(graph));
    }
}
