using System.Net.Http.Headers;
using System.Text;

namespace WhatsAppGenesys.Clients.Storage;

/// <summary>
/// s3rver (the local S3 server) answers listings with <c>xmlns="http://doc.s3.amazonaws.com/2006-03-01/"</c> where S3
/// and MinIO send <c>http://s3.amazonaws.com/doc/2006-03-01/</c>; the Minio client reads such an answer as an empty
/// list. This handler puts the standard namespace into listing answers (a GET of the service root or one with
/// <c>list-type</c>, answered with XML). It only touches answers, never requests, so SigV4 signatures are unaffected,
/// and an answer that already has the standard namespace (MinIO, S3) passes through unchanged.
/// </summary>
public sealed class S3rverListingNamespace : DelegatingHandler
{
    public const string S3rverNamespace = "xmlns=\"http://doc.s3.amazonaws.com/2006-03-01/\"";
    public const string StandardNamespace = "xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"";

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (!IsListing(request) || mediaType is not ("application/xml" or "text/xml"))
        {
            return response;
        }
        var xml = await response.Content.ReadAsStringAsync(cancellationToken);
        var fixedXml = xml.Replace(S3rverNamespace, StandardNamespace, StringComparison.Ordinal);
        var content = new StringContent(fixedXml, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType) { CharSet = "utf-8" };
        response.Content.Dispose();
        response.Content = content;
        return response;
    }

    // ListBuckets is a GET of "/", ListObjectsV2 a GET with list-type=2; object reads (any size, any type) are neither.
    private static bool IsListing(HttpRequestMessage request) =>
        request.Method == HttpMethod.Get && request.RequestUri is { } uri &&
        (uri.AbsolutePath == "/" || uri.Query.Contains("list-type=", StringComparison.Ordinal));
}
