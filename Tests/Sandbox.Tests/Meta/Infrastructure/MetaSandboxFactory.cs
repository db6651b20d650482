using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using WhatsAppGenesys.MetaSandbox;

namespace WhatsAppGenesys.Sandbox.Tests.Meta.Infrastructure;

// The simulator in memory (TestServer), posting its webhooks to a real Kestrel receiver. Fast retries and status
// delays keep the suite quick; tests override any MetaSandbox:* key through settings.
public sealed class MetaSandboxFactory(IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<MetaSandboxOptions>
{
    public AdjustableTimeProvider Time { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.Hosting.Lifetime", "Warning");
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Time));
    }
}
