using System.Globalization;
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
    // Below the kernel's ephemeral range (32768–60999 by default): a port from that range, free when picked, can be
    // given to an outgoing connection before the server binds it (seen once: PostgreSQL refused to start, "Address
    // already in use", and the run waited for it). Ports below it are only ever taken by a listener.
    private const int LowestPort = 10000;
    private const int DefaultEphemeralStart = 32768;
    private const int Attempts = 200;

    // Nothing listens on a port between its choice and its server's start: never hand the same one out twice.
    private static readonly HashSet<int> HandedOut = [];

    public static int Choose(IDistributedApplicationBuilder builder, int preferred) =>
        builder.Configuration.GetValue("DcpPublisher:RandomizePorts", false) ? GetFreePort() : preferred;

    /// <summary>A port nobody listens on now, outside the range the kernel hands to outgoing connections.</summary>
    public static int GetFreePort()
    {
        var below = EphemeralRangeStart();
        if (below - LowestPort >= 1000)
        {
            for (var attempt = 0; attempt < Attempts; attempt++)
            {
                var port = Random.Shared.Next(LowestPort, below);
                lock (HandedOut)
                {
                    if (!HandedOut.Contains(port) && IsFree(port))
                    {
                        HandedOut.Add(port);
                        return port;
                    }
                }
            }
        }
        // No room below the ephemeral range on this machine: let the kernel pick, as a last resort.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int EphemeralRangeStart()
    {
        try
        {
            var range = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
            return int.Parse(range[0], CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return DefaultEphemeralStart;
        }
    }
}
