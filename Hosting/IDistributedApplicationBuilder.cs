using Microsoft.Extensions.Configuration;

namespace WhatsAppGenesys.Hosting;

/// <summary>Collects the application model; <see cref="Build"/> turns it into a runnable <see cref="DistributedApplication"/>.</summary>
public interface IDistributedApplicationBuilder
{
    /// <summary>Environment variables, then command-line arguments (<c>--AppHost:Sandbox false</c>), then test overrides.</summary>
    ConfigurationManager Configuration { get; }

    DistributedApplicationOptions Options { get; }

    IReadOnlyList<IResource> Resources { get; }

    IResourceBuilder<T> AddResource<T>(T resource) where T : Resource;

    DistributedApplication Build();
}
