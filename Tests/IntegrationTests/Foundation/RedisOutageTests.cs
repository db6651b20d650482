using System.Diagnostics;
using System.Net;

namespace WhatsAppGenesys.IntegrationTests.Foundation;

[Collection(typeof(FaultInjectionCollection))]
public sealed class RedisOutageTests(AppFixture fixture)
{
    [Fact]
    public async Task StoppingRedisMakesItsUsersUnhealthyAndStartingItRecoversThemWithoutRestarts()
    {
        var ct = TestContext.Current.CancellationToken;
        var app = fixture.App;
        var redisUsers = app.Resources.OfType<ProjectResource>()
            .Where(p => p.Annotations.OfType<ResourceRelationshipAnnotation>().Any(r => r.Type == "Reference" && r.Resource.Name == "redis"))
            .Select(p => p.Name)
            .ToList();
        Assert.NotEmpty(redisUsers);
        var processesBefore = redisUsers.ToDictionary(s => s, app.GetProcessIds);

        // Act: Redis goes away...
        // Through Aspire's stop command, as the dashboard's Stop button does.
        await app.StopWithCommandAsync("redis", TestContext.Current.CancellationToken);
        try
        {
            // Assert: ...every service that uses it reports it (the Redis check is part of /health).
            await Task.WhenAll(redisUsers.Select(s => WaitForHealthStatusAsync(s, HttpStatusCode.ServiceUnavailable, ct)));
        }
        finally
        {
            await app.StartResourceAsync("redis", ct);
        }

        // ...and they recover on their own once it is back: same processes, healthy again.
        await Task.WhenAll(redisUsers.Select(s => WaitForHealthStatusAsync(s, HttpStatusCode.OK, ct)));
        Assert.All(redisUsers, s => Assert.Equal(processesBefore[s], app.GetProcessIds(s)));
    }

    private async Task WaitForHealthStatusAsync(string service, HttpStatusCode expected, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        HttpStatusCode? last = null;
        while (clock.Elapsed < TimeSpan.FromSeconds(45))
        {
            try
            {
                using var response = await fixture.Client(service).GetAsync("/health", ct);
                last = response.StatusCode;
                if (last == expected)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                last = null;
            }
            await Task.Delay(250, ct);
        }
        Assert.Fail($"{service}: /health answered {last?.ToString() ?? "nothing"} for 45 s, expected {expected}.");
    }
}
