using System.Net;
using System.Text;
using WhatsAppGenesys.Clients.Storage;

namespace WhatsAppGenesys.UnitTests.Archiving;

public class S3rverListingNamespaceTests
{
    // What s3rver 3.7.1 answers to a ListObjectsV2 request (captured from a running s3rver, trimmed).
    private const string S3rverListing =
        """<?xml version="1.0" encoding="UTF-8"?><ListBucketResult xmlns="http://doc.s3.amazonaws.com/2006-03-01/"><Name>bkt</Name><KeyCount>1</KeyCount><Contents><Key>t1/2026-12-04/1000-abc.json</Key></Contents></ListBucketResult>""";

    private static async Task<string> SendAsync(string method, string url, string body, string contentType)
    {
        using var client = new HttpClient(new S3rverListingNamespace { InnerHandler = new Answer(body, contentType) });
        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), url), TestContext.Current.CancellationToken);
        return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task AListingGetsTheStandardNamespace()
    {
        var xml = await SendAsync("GET", "http://s3/bkt/?list-type=2&prefix=t1%2F", S3rverListing, "application/xml");

        Assert.Contains("""<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">""", xml, StringComparison.Ordinal);
        Assert.Contains("<Key>t1/2026-12-04/1000-abc.json</Key>", xml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnObjectIsPassedThroughUntouched()
    {
        var xml = await SendAsync("GET", "http://s3/bkt/t1/2026-12-04/1000-abc.xml", S3rverListing, "application/xml");

        Assert.Equal(S3rverListing, xml);
    }

    private sealed class Answer(string body, string contentType) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, contentType) });
    }
}
