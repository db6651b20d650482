using System.Reflection;
using System.Runtime.ExceptionServices;
using Microsoft.Extensions.Configuration;

namespace WhatsAppGenesys.Hosting.Testing;

/// <summary>
/// Aspire.Hosting.Testing's entry point: runs an AppHost's real Program in testing mode, so a test gets the very model
/// the AppHost defines, but with free ports, a throwaway data directory, and the start left to the test.
/// <code>
/// var appHost = await DistributedApplicationTestingBuilder.CreateAsync&lt;Program&gt;([], (options, config) => ...);
/// await using var app = await appHost.BuildAsync();
/// await app.StartAsync();
/// </code>
/// </summary>
public static class DistributedApplicationTestingBuilder
{
    public static Task<IDistributedApplicationTestingBuilder> CreateAsync<TEntryPoint>(CancellationToken cancellationToken = default)
        where TEntryPoint : class =>
        CreateAsync<TEntryPoint>([], null, cancellationToken);

    /// <param name="configure">Runs inside CreateBuilder, before the AppHost's code reads any configuration: set
    /// options, or configuration such as <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> or <c>AppHost:Environment:&lt;VAR&gt;</c> (every project).</param>
    public static async Task<IDistributedApplicationTestingBuilder> CreateAsync<TEntryPoint>(
        string[] args,
        Action<DistributedApplicationOptions, ConfigurationManager>? configure,
        CancellationToken cancellationToken = default)
        where TEntryPoint : class
    {
        var entryPoint = typeof(TEntryPoint).Assembly.EntryPoint
            ?? throw new InvalidOperationException($"{typeof(TEntryPoint).Assembly.GetName().Name} has no entry point.");

        var session = TestingHook.Begin(args, configure);
        try
        {
            var result = entryPoint.Invoke(null, entryPoint.GetParameters().Length == 0 ? null : [args]);
            if (result is Task task)
            {
                await task.WaitAsync(cancellationToken);
            }
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
        }
        finally
        {
            TestingHook.End();
        }

        var builder = session.Builder
            ?? throw new InvalidOperationException($"{entryPoint.DeclaringType} did not call DistributedApplication.CreateBuilder.");
        return new TestingBuilder(builder, session.App);
    }

    /// <summary>An empty builder in testing mode, for a test that composes its own small model.</summary>
    public static IDistributedApplicationTestingBuilder Create(
        string[]? args = null,
        Action<DistributedApplicationOptions, ConfigurationManager>? configure = null) =>
        new TestingBuilder(TestingHook.CreateTestingBuilder(new DistributedApplicationOptions { Args = args ?? [] }, configure), null);

    private sealed class TestingBuilder(DistributedApplicationBuilder inner, DistributedApplication? built) : IDistributedApplicationTestingBuilder
    {
        public ConfigurationManager Configuration => inner.Configuration;

        public DistributedApplicationOptions Options => inner.Options;

        public IReadOnlyList<IResource> Resources => inner.Resources;

        public IResourceBuilder<T> AddResource<T>(T resource) where T : Resource => inner.AddResource(resource);

        // The app reads the model when it starts, so changes made here after the entry point's Build() still count.
        public DistributedApplication Build() => built ??= inner.Build();

        public Task<DistributedApplication> BuildAsync(CancellationToken cancellationToken = default) => Task.FromResult(Build());
    }
}

public interface IDistributedApplicationTestingBuilder : IDistributedApplicationBuilder
{
    Task<DistributedApplication> BuildAsync(CancellationToken cancellationToken = default);
}
