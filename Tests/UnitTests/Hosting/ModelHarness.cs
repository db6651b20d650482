using Microsoft.Extensions.Configuration;
using WhatsAppGenesys.Hosting;
using WhatsAppGenesys.Hosting.Orchestration;
using WhatsAppGenesys.Hosting.Testing;

namespace WhatsAppGenesys.UnitTests.Hosting;

/// <summary>A model whose resources are initialized (ports, passwords, connection strings) but never started.</summary>
internal sealed class ModelHarness : IDisposable
{
    private RunContext? _context;

    public ModelHarness(Action<ConfigurationManager>? configure = null)
    {
        Builder = TestingHook.CreateTestingBuilder(new DistributedApplicationOptions(), (_, configuration) =>
        {
            configuration["Parameters:postgres-password"] = "pg-secret";
            configure?.Invoke(configuration);
        });
    }

    public DistributedApplicationBuilder Builder { get; }

    public IConfiguration Configuration => Builder.Configuration;

    /// <summary>What the application does first when it starts: resolve externals, choose ports, read parameters.</summary>
    public void Initialize()
    {
        _context = RunContext.Create(Builder);
        foreach (var resource in Builder.ResourceModel)
        {
            resource.Initialize(_context);
        }
    }

    public void Dispose()
    {
        if (_context is not null)
        {
            _context.Dispose();
            Directory.Delete(_context.DataRoot, recursive: true);
        }
    }
}

internal sealed class FakeProject : IProjectMetadata
{
    public string ProjectPath => "/src/Fake/Fake.csproj";

    public string TargetPath => "/src/Fake/bin/Debug/net10.0/Fake.dll";
}
