using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;

namespace WhatsAppGenesys.AppHost.Infrastructure;

/// <summary>
/// Ports of the local servers. They listen on their own port (no DCP proxy in front of every database query), so DCP
/// needs the port up front: the model's port, or a free one when Aspire is asked to randomize ports (the testing
/// builder does, so a test run never collides with a running ./run.sh).
/// </summary>
public static class LocalPorts
{
    public static int Choose(IDistributedApplicationBuilder builder, int preferred) =>
        builder.Configuration.GetValue("DcpPublisher:RandomizePorts", false) ? GetFreePort() : preferred;

    /// <summary>A port nobody listens on now, picked by the kernel.</summary>
    public static int GetFreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
