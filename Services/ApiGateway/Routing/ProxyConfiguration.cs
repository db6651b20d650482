using WhatsAppGenesys.ApiGateway.Auth;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Health;

namespace WhatsAppGenesys.ApiGateway.Routing;

/// <summary>YARP routes and clusters built from <see cref="GatewayRoutes"/>: one cluster per service, addressed by name.</summary>
public static class ProxyConfiguration
{
    public static IReadOnlyList<RouteConfig> Routes() =>
    [
        .. GatewayRoutes.All.Select(route => new RouteConfig
        {
            RouteId = route.Id,
            ClusterId = route.Service,
            Match = new RouteMatch { Path = route.Path, Methods = route.Methods },
            AuthorizationPolicy = GatewayPolicies.For(route.Access),
        }),
    ];

    public static IReadOnlyList<ClusterConfig> Clusters() =>
    [
        .. GatewayRoutes.Services.Select(service => new ClusterConfig
        {
            ClusterId = service,
            // Resolved through service discovery (AddServiceDiscoveryDestinationResolver in Extensions.cs).
            Destinations = new Dictionary<string, DestinationConfig> { [service] = new() { Address = $"http://{service}" } },
            HealthCheck = new HealthCheckConfig
            {
                // A destination that stops answering is taken out of rotation until it answers /alive again.
                Active = new ActiveHealthCheckConfig
                {
                    Enabled = true,
                    Interval = TimeSpan.FromSeconds(5),
                    Timeout = TimeSpan.FromSeconds(2),
                    Policy = HealthCheckConstants.ActivePolicy.ConsecutiveFailures,
                    Path = "/alive",
                },
                Passive = new PassiveHealthCheckConfig
                {
                    Enabled = true,
                    Policy = HealthCheckConstants.PassivePolicy.TransportFailureRate,
                    ReactivationPeriod = TimeSpan.FromSeconds(10),
                },
            },
        }),
    ];
}
