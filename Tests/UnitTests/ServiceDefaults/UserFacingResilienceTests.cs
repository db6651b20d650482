using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace WhatsAppGenesys.UnitTests.ServiceDefaults;

/// <summary>
/// The web apps' HttpClients: error answers never open the circuit (every page would break because of one screen's
/// errors), and a POST is never repeated. Driven through the real resilience pipeline, with the network replaced by
/// a handler that counts what reaches it.
/// </summary>
public class UserFacingResilienceTests
{
    private sealed class CountingHandler(HttpStatusCode status) : HttpMessageHandler
    {
        public int Requests;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Requests);
            return Task.FromResult(new HttpResponseMessage(status));
        }
    }

    private static (HttpClient Client, CountingHandler Network) Client(HttpStatusCode answer)
    {
        var network = new CountingHandler(answer);
        var services = new ServiceCollection();
        services.AddHttpClient("console", http => http.BaseAddress = new Uri("http://gateway"))
            .ConfigurePrimaryHttpMessageHandler(() => network)
            .WithUserFacingResilience();
        var client = services.BuildServiceProvider().GetRequiredService<IHttpClientFactory>().CreateClient("console");
        return (client, network);
    }

    [Fact]
    public async Task ManyErrorAnswersLeaveTheCircuitClosed()
    {
        var (client, network) = Client(HttpStatusCode.BadGateway);
        // Well past the breaker's minimum throughput (100 in 30 s) with every answer an error.
        for (var i = 0; i < 150; i++)
        {
            using var refused = await client.PostAsync("/replays", null, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.BadGateway, refused.StatusCode);
        }
        Assert.Equal(150, network.Requests);
        using var next = await client.PostAsync("/replays", null, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadGateway, next.StatusCode);
    }

    [Fact]
    public async Task APostIsSentOnceAndAGetIsRetried()
    {
        var (client, network) = Client(HttpStatusCode.ServiceUnavailable);
        using (await client.PostAsync("/tenants", null, TestContext.Current.CancellationToken))
        {
            Assert.Equal(1, network.Requests);
        }
        using (await client.GetAsync("/tenants", TestContext.Current.CancellationToken))
        {
            Assert.True(network.Requests > 2, $"the GET reached the network {network.Requests - 1} time(s)");
        }
    }
}
