using System.Globalization;
using System.Net;
using System.Net.Sockets;
using WhatsAppGenesys.AppHost.Infrastructure;

namespace WhatsAppGenesys.IntegrationTests.Foundation;

/// <summary>
/// The ports chosen for the local servers lie below the range the kernel hands to outgoing connections, so no
/// connection can take one between its choice and its server's start, and none is handed out twice.
/// </summary>
public sealed class LocalPortsTests
{
    [Fact]
    public void FreePortsLieBelowTheEphemeralRangeAreFreeAndNeverRepeat()
    {
        var ephemeralStart = int.Parse(File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range")
            .Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries)[0], CultureInfo.InvariantCulture);

        var ports = Enumerable.Range(0, 100).Select(_ => LocalPorts.GetFreePort()).ToList();

        Assert.All(ports, port => Assert.InRange(port, 10000, ephemeralStart - 1));
        Assert.Equal(ports.Count, ports.Distinct().Count());
        foreach (var port in ports)
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
        }
    }
}
