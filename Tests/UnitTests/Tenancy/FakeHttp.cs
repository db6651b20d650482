using System.Net;
using System.Net.Http.Json;

namespace WhatsAppGenesys.UnitTests.Tenancy;

/// <summary>An HTTP server stand-in: answers with a delegate and records every request.</summary>
internal sealed class FakeHttp(Func<HttpRequestMessage, Task<HttpResponseMessage>> respond) : HttpMessageHandler, IHttpClientFactory
{
    private int _calls;

    public FakeHttp(Func<HttpRequestMessage, HttpResponseMessage> respond) : this(r => Task.FromResult(respond(r)))
    {
    }

    public int Calls => _calls;

    public List<HttpRequestMessage> Requests { get; } = [];

    /// <summary>Request bodies as sent (the caller disposes its content once the call returns).</summary>
    public List<string?> Bodies { get; } = [];

    public HttpClient CreateClient(string name) => new(this, disposeHandler: false);

    public static HttpResponseMessage Json<T>(T body, HttpStatusCode status = HttpStatusCode.OK) =>
        new(status) { Content = JsonContent.Create(body) };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        lock (Requests)
        {
            Requests.Add(request);
            Bodies.Add(body);
        }
        return await respond(request);
    }
}
