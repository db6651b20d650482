namespace WhatsAppGenesys.Hosting;

public static class ResourceBuilderExtensions
{
    /// <summary>Gives the resource <c>ConnectionStrings__&lt;name&gt;</c> of <paramref name="source"/>.</summary>
    public static IResourceBuilder<ProjectResource> WithReference(this IResourceBuilder<ProjectResource> builder, IResourceBuilder<IResourceWithConnectionString> source)
    {
        builder.Resource.AddReference(source.Resource);
        return builder;
    }

    /// <summary>Gives the resource <c>services__&lt;name&gt;__http__&lt;i&gt;</c> for every replica of <paramref name="source"/>.</summary>
    public static IResourceBuilder<ProjectResource> WithReference(this IResourceBuilder<ProjectResource> builder, IResourceBuilder<IResourceWithServiceDiscovery> source)
    {
        builder.Resource.AddReference(source.Resource);
        return builder;
    }

    /// <summary>Starts the resource only once <paramref name="dependency"/> is healthy.</summary>
    public static IResourceBuilder<T> WaitFor<T>(this IResourceBuilder<T> builder, IResourceBuilder<IResource> dependency)
        where T : Resource, IResourceWithWaitSupport
    {
        builder.Resource.AddWaitFor(dependency.Resource);
        return builder;
    }

    public static IResourceBuilder<ProjectResource> WithEnvironment(this IResourceBuilder<ProjectResource> builder, string name, string? value)
    {
        builder.Resource.Environment[name] = value;
        return builder;
    }
}
