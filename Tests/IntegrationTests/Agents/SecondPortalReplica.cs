using System.Diagnostics;
using System.Net;
using WhatsAppGenesys.AppHost.Infrastructure;
using WhatsAppGenesys.Contracts;

namespace WhatsAppGenesys.IntegrationTests.Agents;

/// <summary>
/// A second replica of the portal service beside the one the AppHost runs: the same program with the same environment
/// (read from the running replica's process), listening on a port of its own, so a test can talk to each replica
/// apart. It joins the same PostgreSQL, Redis and RabbitMQ; on the history pipeline's partitions (single active
/// consumer) it waits as a standby while the first replica consumes.
/// </summary>
internal sealed class SecondPortalReplica : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];

    private SecondPortalReplica(Process process, Uri baseUrl) => (_process, BaseUrl) = (process, baseUrl);

    public Uri BaseUrl { get; }

    public static async Task<SecondPortalReplica> StartAsync(AppFixture fixture, CancellationToken ct)
    {
        var first = fixture.App.GetProcessIds(ServiceNames.PortalService)[0];
        var assembly = BuiltAssemblies.Of(new Projects.PortalService());
        var start = new ProcessStartInfo("dotnet", [assembly])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
        };
        start.Environment.Clear();
        foreach (var (name, value) in ProcessEnvironment.Read(first))
        {
            start.Environment[name] = value;
        }
        var baseUrl = new Uri($"http://127.0.0.1:{LocalPorts.GetFreePort()}");
        start.Environment["ASPNETCORE_URLS"] = baseUrl.ToString();
        start.Environment.Remove("ASPNETCORE_HTTP_PORTS");
        var replica = new SecondPortalReplica(Process.Start(start)!, baseUrl);
        replica._process.OutputDataReceived += (_, line) => replica.Keep(line.Data);
        replica._process.ErrorDataReceived += (_, line) => replica.Keep(line.Data);
        replica._process.BeginOutputReadLine();
        replica._process.BeginErrorReadLine();
        try
        {
            await replica.WaitUntilHealthyAsync(ct);
        }
        catch
        {
            await replica.DisposeAsync(); // nobody else holds it yet: no process may outlive the test
            throw;
        }
        return replica;
    }

    private async Task WaitUntilHealthyAsync(CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            if (_process.HasExited)
            {
                Assert.Fail($"The second portal-service replica exited ({_process.ExitCode}):\n{Tail()}");
            }
            try
            {
                using var response = await http.GetAsync("/health", ct);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                // Still starting.
            }
            Assert.True(DateTime.UtcNow < deadline, $"The second portal-service replica was not healthy within 90 s:\n{Tail()}");
            await Task.Delay(500, ct);
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.Add(line);
            if (_output.Count > 200)
            {
                _output.RemoveAt(0);
            }
        }
    }

    private string Tail()
    {
        lock (_output)
        {
            return string.Join('\n', _output.TakeLast(40));
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
