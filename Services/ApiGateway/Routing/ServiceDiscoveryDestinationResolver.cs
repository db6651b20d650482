using Microsoft.Extensions.Primitives;
using Microsoft.Extensions.ServiceDiscovery;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.ServiceDiscovery;

namespace WhatsAppGenesys.ApiGateway.Routing;

/// <summary>
/// Turns a destination such as <c>http://tenant-service</c> into one destination per replica, through the same
/// service discovery every HttpClient uses (<c>services:tenant-service:http:*</c>). YARP's forwarder does not go
/// through IHttpClientFactory, so without this the proxy would need hard-coded addresses.
/// </summary>
public sealed class ServiceDiscoveryDestinationResolver(ServiceEndpointResolver resolver) : IDestinationResolver
{
    public async ValueTask<ResolvedDestinationCollection> ResolveDestinationsAsync(
        IReadOnlyDictionary<string, DestinationConfig> destinations, CancellationToken cancellationToken)
    {
        var resolved = new Dictionary<string, DestinationConfig>(StringComparer.OrdinalIgnoreCase);
        var changeTokens = new List<IChangeToken>();
        foreach (var (name, destination) in destinations)
        {
            var (addresses, changeToken) = await ResolveAsync(resolver, new Uri(destination.Address), cancellationToken);
            changeTokens.Add(changeToken);
            foreach (var address in addresses)
            {
                resolved[$"{name}[{address}]"] = destination with { Address = address.ToString() };
            }
        }
        return new ResolvedDestinationCollection(resolved, new CompositeChangeToken(changeTokens));
    }

    /// <summary>Every address a service name resolves to (the path of <paramref name="service"/> kept).</summary>
    public static async Task<(IReadOnlyList<Uri> Addresses, IChangeToken ChangeToken)> ResolveAsync(
        ServiceEndpointResolver resolver, Uri service, CancellationToken cancellationToken)
    {
        var source = await resolver.GetEndpointsAsync(service.GetLeftPart(UriPartial.Authority), cancellationToken);
        var addresses = source.Endpoints.Select(endpoint =>
        {
            // Configuration entries resolve to full URIs; DNS-style entries to host:port, which take the original scheme.
            var text = endpoint.ToString() ?? throw new InvalidOperationException($"Service discovery returned an empty endpoint for {service}.");
            var baseUri = new Uri(text.Contains("://", StringComparison.Ordinal) ? text : $"{service.Scheme}://{text}");
            return new Uri(baseUri, service.PathAndQuery);
        }).ToList();
        return (addresses, source.ChangeToken);
    }
}
