namespace WhatsAppGenesys.Hosting;

/// <summary>
/// A project's URL before it is known (ports are chosen at start), for <c>WithEnvironment</c>: lets a resource be told
/// where another one is without waiting for it, e.g. a simulator that calls our webhook later.
/// </summary>
public sealed class EndpointReference(ProjectResource project, string path = "")
{
    public ProjectResource Resource { get; } = project;

    /// <summary>http://127.0.0.1:&lt;port&gt;[path] of replica 0.</summary>
    public string Url => Resource.Ports.Count > 0
        ? $"http://127.0.0.1:{Resource.Ports[0]}{path}"
        : throw new InvalidOperationException($"'{Resource.Name}' has no port before the application starts.");

    /// <summary>The same endpoint with a path appended (e.g. a webhook route).</summary>
    public EndpointReference WithPath(string subPath) => new(Resource, path + subPath);

    public override string ToString() => Url;
}
