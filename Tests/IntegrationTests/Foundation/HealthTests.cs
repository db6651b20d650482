using System.Net;

namespace WhatsAppGenesys.IntegrationTests.Foundation;

public sealed class HealthTests(AppFixture fixture)
{
    public static TheoryData<string> Projects => new(AppFixture.Projects);

    [Theory]
    [MemberData(nameof(Projects))]
    public async Task EveryServiceReportsHealthy(string service)
    {
        using var response = await fixture.Client(service).GetAsync("/health", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public void TheModelRunsEveryProjectOfTheSolution()
    {
        var projects = fixture.App.Resources.OfType<WhatsAppGenesys.Hosting.ProjectResource>().Select(p => p.Name);

        Assert.Equal(AppFixture.Projects.Order(), projects.Order());
    }
}
