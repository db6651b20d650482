using System.Net;
using System.Text.Json;

namespace WhatsAppGenesys.IntegrationTests.Foundation;

public sealed class HealthTests(AppFixture fixture)
{
    public static TheoryData<string> Projects => new(AppFixture.Projects);

    [Theory]
    [MemberData(nameof(Projects))]
    public async Task EveryServiceReportsHealthy(string service)
    {
        var replicas = fixture.App.GetProcessIds(service).Count;
        Assert.True(replicas > 0, $"{service} runs");

        for (var replica = 0; replica < replicas; replica++)
        {
            using var client = fixture.App.CreateHttpClient(service, replica);
            using var response = await client.GetAsync("/health", TestContext.Current.CancellationToken);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            // ServiceDefaults answers {"status": "...", "checks": {...}}; every check, infrastructure included, must pass.
            using var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            Assert.Equal("Healthy", report.RootElement.GetProperty("status").GetString());
        }
    }

    [Fact]
    public void TheModelRunsEveryProjectOfTheSolution()
    {
        var projects = fixture.App.Resources.OfType<ProjectResource>().Select(p => p.Name);

        Assert.Equal(AppFixture.Projects.Order(), projects.Order());
    }
}
