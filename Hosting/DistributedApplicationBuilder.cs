using Microsoft.Extensions.Configuration;
using WhatsAppGenesys.Hosting.Testing;

namespace WhatsAppGenesys.Hosting;

internal sealed class DistributedApplicationBuilder : IDistributedApplicationBuilder
{
    private readonly List<Resource> _resources = [];

    public DistributedApplicationBuilder(DistributedApplicationOptions options)
    {
        Options = options;
        Configuration = new ConfigurationManager();
        Configuration.AddEnvironmentVariables();
        Configuration.AddCommandLine(options.Args);
    }

    public ConfigurationManager Configuration { get; }

    public DistributedApplicationOptions Options { get; }

    public IReadOnlyList<IResource> Resources => _resources;

    internal IReadOnlyList<Resource> ResourceModel => _resources;

    public IResourceBuilder<T> AddResource<T>(T resource) where T : Resource
    {
        // Names are configuration keys (ConnectionStrings:<name>) and host names (http://<name>): unique, case-insensitively.
        if (_resources.Any(r => string.Equals(r.Name, resource.Name, StringComparison.OrdinalIgnoreCase)))
        {
            throw new DistributedApplicationException($"A resource named '{resource.Name}' already exists.");
        }
        _resources.Add(resource);
        return new ResourceBuilder<T>(this, resource);
    }

    public DistributedApplication Build()
    {
        ThrowOnDependencyCycle();
        var app = new DistributedApplication(this);
        TestingHook.OnBuilt(this, app);
        return app;
    }

    // A cycle of WaitFor/WithReference would make start-up wait forever and stopping impossible to order.
    private void ThrowOnDependencyCycle()
    {
        var state = new Dictionary<IResource, bool>(); // false: on the current path, true: done
        void Visit(IResource resource, Stack<string> path)
        {
            path.Push(resource.Name);
            if (state.TryGetValue(resource, out var done))
            {
                if (!done)
                {
                    throw new DistributedApplicationException($"Resources depend on each other in a cycle: {string.Join(" <- ", path)}.");
                }
                path.Pop();
                return;
            }
            state[resource] = false;
            foreach (var dependency in ((Resource)resource).Dependencies)
            {
                Visit(dependency, path);
            }
            state[resource] = true;
            path.Pop();
        }

        foreach (var resource in _resources)
        {
            Visit(resource, new Stack<string>());
        }
    }
}
