using System.Net;
using System.Net.Sockets;
using WhatsAppGenesys.Hosting;
using WhatsAppGenesys.Hosting.Orchestration;

namespace WhatsAppGenesys.UnitTests.Hosting;

public sealed class PortAllocatorTests
{
    [Fact]
    public void FreePortsAreDistinctAndBindable()
    {
        var allocator = new PortAllocator();

        var ports = Enumerable.Range(0, 20).Select(_ => allocator.GetFreePort()).ToList();

        Assert.Equal(ports.Count, ports.Distinct().Count());
        Assert.All(ports, port => Assert.True(PortAllocator.IsFree(port)));
    }

    [Fact]
    public void FreePortsAreNeverOnesTheKernelGivesToOutgoingConnections()
    {
        var range = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split(['\t', ' '], StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToArray();
        var allocator = new PortAllocator();

        var ports = Enumerable.Range(0, 50).Select(_ => allocator.GetFreePort());

        Assert.All(ports, port => Assert.True(port < range[0] || port > range[1], $"{port} is in the ephemeral range {range[0]}-{range[1]}"));
    }

    [Fact]
    public void ReservingAPortSomeoneListensOnNamesTheResource()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var busy = ((IPEndPoint)listener.LocalEndpoint).Port;

        var error = Assert.Throws<DistributedApplicationException>(() => new PortAllocator().Reserve(busy, "redis"));

        Assert.Contains($"Port {busy} of 'redis'", error.Message, StringComparison.Ordinal);
        Assert.False(PortAllocator.IsFree(busy));
    }

    [Fact]
    public void TheSamePortCannotBeReservedTwice()
    {
        var allocator = new PortAllocator();
        var port = allocator.GetFreePort();

        Assert.Throws<DistributedApplicationException>(() => allocator.Reserve(port, "second"));
    }
}
