using System.Collections.Concurrent;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;

namespace WhatsAppGenesys.AppHostTesting;

/// <summary>
/// The latest snapshot of every resource instance of a running application, kept from the moment it is built. A
/// resource with replicas has one instance per replica (ids like <c>tenant-service-abcd1234</c>); Aspire's own lookups
/// by name stop working once a name has several instances.
/// </summary>
public sealed class ResourceStates : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, ResourceEvent> _latest = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _watch;

    public ResourceStates(DistributedApplication app)
    {
        var notifications = app.Services.GetRequiredService<ResourceNotificationService>();
        _watch = Task.Run(async () =>
        {
            try
            {
                await foreach (var resourceEvent in notifications.WatchAsync(_stop.Token))
                {
                    _latest[resourceEvent.ResourceId] = resourceEvent;
                }
            }
            catch (OperationCanceledException)
            {
            }
        });
    }

    /// <summary>Every instance of the resource, in a stable order (by instance id).</summary>
    public IReadOnlyList<CustomResourceSnapshot> Instances(string resourceName) =>
        _latest.Values.Where(e => e.Resource.Name == resourceName).OrderBy(e => e.ResourceId, StringComparer.Ordinal)
            .Select(e => e.Snapshot).ToList();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _watch;
        _stop.Dispose();
    }
}
