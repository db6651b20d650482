using Microsoft.Extensions.Configuration;
using WhatsAppGenesys.Hosting.Orchestration;

namespace WhatsAppGenesys.Hosting;

/// <summary>
/// Infrastructure reached by connection string (PostgreSQL, Redis, RabbitMQ, S3). Like Aspire's AddConnectionString:
/// when <c>ConnectionStrings:&lt;name&gt;</c> is already configured, that server is used as given and not started.
/// </summary>
public abstract class ServerResource(string name, int? port) : ExecutableResource(name), IResourceWithConnectionString, IResourceWithWaitSupport
{
    private string? _externalConnectionString;

    /// <summary>The port it listens on (127.0.0.1); chosen at start when none was requested or when testing.</summary>
    public int? Port { get; private set; }

    /// <summary>The port asked for in the model.</summary>
    public int? RequestedPort { get; } = port;

    internal override bool IsExternal => _externalConnectionString is not null;

    public string? ConnectionString => _externalConnectionString ?? (Port is null ? null : BuildConnectionString(Port.Value));

    /// <summary>This resource's own directory under the application's data directory.</summary>
    private protected string DataDirectory => Path.Combine(Context.DataRoot, Name);

    private protected abstract string BuildConnectionString(int port);

    /// <summary>Per-resource hook that runs after the port is known.</summary>
    private protected virtual void OnInitialized() { }

    internal override void Initialize(RunContext context)
    {
        base.Initialize(context);
        _externalConnectionString = context.Configuration.GetConnectionString(Name);
        if (!IsExternal)
        {
            Port = context.AllocatePort(RequestedPort, Name);
            OnInitialized();
        }
    }

    internal override string DescribeEndpoint() => ConnectionString ?? "";
}
