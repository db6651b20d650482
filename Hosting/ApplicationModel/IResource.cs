namespace WhatsAppGenesys.Hosting;

/// <summary>A named part of the distributed application: a server, a database or a project.</summary>
public interface IResource
{
    string Name { get; }
}

/// <summary>A resource others reach through <c>ConnectionStrings:&lt;name&gt;</c>.</summary>
public interface IResourceWithConnectionString : IResource
{
    /// <summary>The connection string; null until the application starts (ports are chosen at start).</summary>
    string? ConnectionString { get; }

    ValueTask<string?> GetConnectionStringAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(ConnectionString);
}

/// <summary>A resource that receives environment variables: references and <c>WithEnvironment</c> values land here.</summary>
public interface IResourceWithEnvironment : IResource;

/// <summary>A resource others find through <c>services:&lt;name&gt;:http:&lt;i&gt;</c> (service discovery).</summary>
public interface IResourceWithServiceDiscovery : IResource;

/// <summary>A resource that can wait for others to be healthy before it starts.</summary>
public interface IResourceWithWaitSupport : IResource;

/// <summary>What the build generates for each project the AppHost references (the <c>Projects.*</c> types).</summary>
public interface IProjectMetadata
{
    /// <summary>Full path of the project file.</summary>
    string ProjectPath { get; }

    /// <summary>Full path of the assembly the AppHost's build produced for it (same configuration as the AppHost).</summary>
    string TargetPath { get; }
}
