using System.Net;
using System.Text;
using WhatsAppGenesys.WhatsAppApi.Graph;

namespace WhatsAppGenesys.UnitTests.Outbound;

/// <summary>Whatever Meta answers becomes one error shape: code, retryable or not, Retry-After, and the Genesys receipt reason.</summary>
public class MetaErrorNormalizationTests
{
    [Theory]
    [InlineData(400, 130429, true, "RateLimited")]
    [InlineData(400, 131056, true, "RateLimited")]
    [InlineData(400, 80007, true, "RateLimited")]
    [InlineData(400, 4, true, "RateLimited")]
    [InlineData(500, 131000, true, "ServerError")]
    [InlineData(400, 131047, false, "MessageExpired")]
    [InlineData(400, 131026, false, "InvalidDestination")]
    [InlineData(400, 131051, false, "UnsupportedMessage")]
    [InlineData(400, 132000, false, "InvalidMessageStructure")]
    [InlineData(400, 132001, false, "InvalidMessageStructure")]
    [InlineData(400, 131008, false, "InvalidMessageStructure")]
    [InlineData(400, 131009, false, "InvalidMessageStructure")]
    [InlineData(401, 190, false, "GeneralError")]
    public void GraphErrorsAreClassifiedByTheirCode(int status, int code, bool retryable, string reason)
    {
        using var response = Response(status, $$$"""{"error":{"message":"(#{{{code}}}) Something","type":"OAuthException","code":{{{code}}},"error_data":{"messaging_product":"whatsapp","details":"Meta's details"},"fbtrace_id":"Ax1"}}""");

        var error = GraphMessagesClient.Normalize(response, Body(response));

        Assert.Equal((code.ToString(System.Globalization.CultureInfo.InvariantCulture), retryable, reason, status),
            (error.Code, error.Retryable, error.ReceiptReason, error.HttpStatus));
        Assert.Equal("meta", error.Provider);
        Assert.Equal("Ax1", error.CorrelationId);
        Assert.Contains("Meta's details", error.Message);
    }

    [Fact]
    public void RetryAfterIsKept()
    {
        using var response = Response(429, """{"error":{"message":"(#4) Application request limit reached","code":4}}""");
        response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(7));

        Assert.Equal(7, GraphMessagesClient.Normalize(response, Body(response)).RetryAfterSeconds);
    }

    [Theory]
    [InlineData(502, true, "ServerError")]
    [InlineData(429, true, "RateLimited")]
    [InlineData(404, false, "GeneralError")]
    public void AnswersWithoutGraphsErrorShapeAreClassifiedByStatus(int status, bool retryable, string reason)
    {
        using var response = Response(status, "<html>Bad gateway</html>");

        var error = GraphMessagesClient.Normalize(response, Body(response));

        Assert.Equal(($"http.{status}", retryable, reason), (error.Code, error.Retryable, error.ReceiptReason));
    }

    [Fact]
    public void UnknownCodesAreNotRetriedUnlessMetaSaysTheyAreTransient()
    {
        using var permanent = Response(400, """{"error":{"message":"new","code":999001}}""");
        using var transient = Response(400, """{"error":{"message":"new","code":999002,"is_transient":true}}""");

        Assert.False(GraphMessagesClient.Normalize(permanent, Body(permanent)).Retryable);
        Assert.True(GraphMessagesClient.Normalize(transient, Body(transient)).Retryable);
    }

    private static HttpResponseMessage Response(int status, string body) =>
        new((HttpStatusCode)status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    private static string Body(HttpResponseMessage response) => response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
}
