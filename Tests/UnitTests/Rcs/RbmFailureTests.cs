using WhatsAppGenesys.RcsApi.Provider;

namespace WhatsAppGenesys.UnitTests.Rcs;

public class RbmFailureTests
{
    private const string Msisdn = "+15550001234";

    [Fact]
    public void NotFoundMeansTheNumberIsNotRcsCapable()
    {
        var failure = RbmFailure.From(404, """{"error":{"code":404,"message":"Requested entity was not found.","status":"NOT_FOUND"}}""", null, Msisdn);

        Assert.Equal(422, failure.StatusForCaller);
        Assert.Equal(RbmFailure.NotRcsCapable, failure.Error.Code);
        Assert.False(failure.Error.Retryable);
        Assert.StartsWith("+15550001234 is not reachable over RCS", failure.Error.Message);
    }

    [Fact]
    public void ThrottlingIsRetryableAfterTheProvidersDelayWithItsMessage()
    {
        var failure = RbmFailure.From(429, """{"error":{"code":429,"message":"Quota exceeded","status":"RESOURCE_EXHAUSTED"}}""", TimeSpan.FromSeconds(3), Msisdn);

        Assert.Equal(429, failure.StatusForCaller);
        Assert.Equal(("RESOURCE_EXHAUSTED", "Quota exceeded", true, 3.0), (failure.Error.Code, failure.Error.Message, failure.Error.Retryable, failure.Error.RetryAfterSeconds));
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    public void ServerErrorsAreRetryable503s(int status)
    {
        var failure = RbmFailure.From(status, "<html>bad gateway</html>", null, Msisdn);

        Assert.Equal(503, failure.StatusForCaller);
        Assert.True(failure.Error.Retryable);
        Assert.Equal(status, failure.Error.HttpStatus);
        Assert.Equal($"The RCS provider answered {status}.", failure.Error.Message);
    }

    [Fact]
    public void ARefusalThatSurvivedAFreshTokenIsNotRetryable()
    {
        var failure = RbmFailure.From(403, """{"error":{"code":403,"message":"The caller does not have permission","status":"PERMISSION_DENIED"}}""", null, Msisdn);

        Assert.Equal(502, failure.StatusForCaller);
        Assert.False(failure.Error.Retryable);
        Assert.Contains("The caller does not have permission", failure.Error.Message);
    }

    [Fact]
    public void InvalidContentIsTheCallersInput()
    {
        var failure = RbmFailure.From(400, """{"error":{"code":400,"message":"Invalid carousel","status":"INVALID_ARGUMENT"}}""", null, Msisdn);

        Assert.Equal((400, "Invalid carousel"), (failure.StatusForCaller, failure.Error.Message));
    }

    [Theory]
    [InlineData(409, 409, false)]
    [InlineData(403, 403, false)]
    [InlineData(502, 502, false)]
    [InlineData(503, 503, true)]
    public void NoTokenKeepsTheAuthServicesMeaning(int authStatus, int forCaller, bool retryable)
    {
        var failure = RbmFailure.NoToken(authStatus, "reason");

        Assert.Equal((forCaller, retryable), (failure.StatusForCaller, failure.Error.Retryable));
    }
}
