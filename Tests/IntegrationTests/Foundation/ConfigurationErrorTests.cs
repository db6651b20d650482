using System.Diagnostics;

namespace WhatsAppGenesys.IntegrationTests.Foundation;

/// <summary>A misconfigured service stops at once with one readable line naming the resource, not a stack trace.</summary>
public class ConfigurationErrorTests
{
    [Fact]
    public async Task MissingConnectionStringStopsStartUpNamingTheResource()
    {
        var (exitCode, stderr) = await RunAsync(BuiltAssemblies.Of(new Projects.StateManager()), new()
        {
            ["ConnectionStrings__statedb"] = "Host=127.0.0.1;Port=1;Username=postgres;Password=x;Database=statedb",
        });

        Assert.Equal(78, exitCode);
        Assert.Contains("Configuration error: the connection string for resource 'redis' is missing", stderr, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings__redis", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MalformedConnectionStringStopsStartUpNamingTheResource()
    {
        var (exitCode, stderr) = await RunAsync(BuiltAssemblies.Of(new Projects.WhatsAppWebhook()), new()
        {
            ["ConnectionStrings__redis"] = "127.0.0.1:1",
            ["ConnectionStrings__rabbitmq"] = "this is not an amqp uri",
            ["ConnectionStrings__minio"] = "Endpoint=http://127.0.0.1:1;AccessKey=a;SecretKey=b",
        });

        Assert.Equal(78, exitCode);
        Assert.Contains("'rabbitmq' (ConnectionStrings:rabbitmq) is malformed", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }


    private static async Task<(int ExitCode, string Stderr)> RunAsync(string assembly, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet", [assembly])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
        };
        // Nothing inherited from the test host: only what this test sets, on a port nobody uses.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("ConnectionStrings", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(key);
        }
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        _ = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("The service did not stop on its configuration error.");
        }
        return (process.ExitCode, await stderr);
    }
}
