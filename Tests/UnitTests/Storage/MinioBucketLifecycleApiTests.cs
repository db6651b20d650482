using System.Net;
using System.Net.Sockets;
using System.Text;
using Minio;
using Minio.DataModel.ILM;
using WhatsAppGenesys.PortalService.Storage;

namespace WhatsAppGenesys.UnitTests.Storage;

/// <summary>
/// The Minio adapter's reading of a server's answers, through the real Minio client over HTTP: an S3 error answer is
/// a refusal (the lifecycle then falls back to the sweeper), while a server that cannot be reached decides nothing.
/// The answers are S3's documented error bodies, served by a listener that answers every request the same way.
/// </summary>
public sealed class MinioBucketLifecycleApiTests
{
    private static readonly LifecycleConfiguration Rules = new([
        new LifecycleRule(null, "raw-acme", new Expiration { Days = 30 }, null, new RuleFilter(null, "acme/", null), null, null, LifecycleRule.LifecycleRuleStatusEnabled)]);

    [Theory]
    [InlineData(HttpStatusCode.NotImplemented, "NotImplemented", "A header you provided implies functionality that is not implemented")]
    [InlineData(HttpStatusCode.Forbidden, "AccessDenied", "Access Denied")]
    public async Task AnS3ErrorAnswerToALifecycleConfigurationIsARefusal(HttpStatusCode status, string code, string message)
    {
        using var server = new CannedS3Answer(status, S3Error(code, message));

        var refused = await Assert.ThrowsAsync<S3FeatureRefusedException>(
            () => Api(server.Port).SetLifecycleAsync("webhooks-inbound", Rules, TestContext.Current.CancellationToken));

        Assert.Contains("PUT", server.Requests);
        Assert.NotNull(refused.InnerException);
    }

    [Fact]
    public async Task AnS3ErrorAnswerToEnablingVersioningIsARefusal()
    {
        using var server = new CannedS3Answer(HttpStatusCode.NotImplemented, S3Error("NotImplemented", "Versioning is not implemented"));

        await Assert.ThrowsAsync<S3FeatureRefusedException>(
            () => Api(server.Port).EnableVersioningAsync("media-inbound", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task AnAcceptedLifecycleConfigurationIsNoRefusal()
    {
        using var server = new CannedS3Answer(HttpStatusCode.OK, "");

        await Api(server.Port).SetLifecycleAsync("webhooks-inbound", Rules, TestContext.Current.CancellationToken);

        Assert.Contains("PUT", server.Requests);
    }

    [Fact]
    public async Task TheVersioningStatusIsReadFromTheServersAnswer()
    {
        // The read-back that tells a server which kept versioning on from one that answered 200 and kept nothing.
        using var server = new CannedS3Answer(HttpStatusCode.OK,
            """<?xml version="1.0" encoding="UTF-8"?><VersioningConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Status>Enabled</Status></VersioningConfiguration>""");

        Assert.Equal("Enabled", await Api(server.Port).GetVersioningAsync("media-inbound", TestContext.Current.CancellationToken));
        Assert.Equal(["GET"], server.Requests);
    }

    [Fact]
    public async Task AServerThatCannotBeReachedIsNotARefusal()
    {
        // A port nobody listens on: nothing answered, so nothing may be concluded about the server's features.
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var closedPort = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();

        var thrown = await Record.ExceptionAsync(
            () => Api(closedPort).SetLifecycleAsync("webhooks-inbound", Rules, TestContext.Current.CancellationToken));

        Assert.NotNull(thrown);
        Assert.IsNotType<S3FeatureRefusedException>(thrown);
    }

    private static MinioBucketLifecycleApi Api(int port) => new(new MinioClient()
        .WithEndpoint("127.0.0.1", port).WithCredentials("access", "secret").WithRegion("us-east-1").Build());

    private static string S3Error(string code, string message) =>
        $"""<?xml version="1.0" encoding="UTF-8"?><Error><Code>{code}</Code><Message>{message}</Message><Resource>/webhooks-inbound</Resource><RequestId>4442587FB7D0A2F9</RequestId></Error>""";

    /// <summary>Answers every request with one status and body, and records the methods it was asked with.</summary>
    private sealed class CannedS3Answer : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly List<string> _requests = [];

        public CannedS3Answer(HttpStatusCode status, string body)
        {
            using (var probe = new TcpListener(IPAddress.Loopback, 0))
            {
                probe.Start();
                Port = ((IPEndPoint)probe.LocalEndpoint).Port;
                probe.Stop();
            }
            _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
            _listener.Start();
            _ = Task.Run(async () =>
            {
                while (_listener.IsListening)
                {
                    HttpListenerContext context;
                    try
                    {
                        context = await _listener.GetContextAsync();
                    }
                    catch (Exception) when (!_listener.IsListening)
                    {
                        return;
                    }
                    lock (_requests)
                    {
                        _requests.Add(context.Request.HttpMethod);
                    }
                    var bytes = Encoding.UTF8.GetBytes(body);
                    context.Response.StatusCode = (int)status;
                    context.Response.ContentType = "application/xml";
                    context.Response.ContentLength64 = bytes.Length;
                    await context.Response.OutputStream.WriteAsync(bytes);
                    context.Response.Close();
                }
            });
        }

        public int Port { get; }

        public IReadOnlyList<string> Requests
        {
            get
            {
                lock (_requests)
                {
                    return [.. _requests];
                }
            }
        }

        public void Dispose() => _listener.Close();
    }
}
