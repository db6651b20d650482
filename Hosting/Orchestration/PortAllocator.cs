using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace WhatsAppGenesys.Hosting.Orchestration;

/// <summary>Hands out loopback ports: the model's fixed ones (checked to be free) or free ones chosen by the OS.</summary>
public sealed class PortAllocator
{
    private readonly HashSet<int> _handedOut = [];
    private readonly Lock _gate = new();

    // Chosen below the kernel's ephemeral range (ip_local_port_range), which outgoing connections draw their local
    // ports from: a port from bind(0) could be taken by some client socket between our choosing it and the server
    // binding it, seconds later. Ports in this range only go to servers that ask for them by number.
    private static readonly (int Low, int High) Range = ChooseRange();

    // Every free port chosen in this process, by any application: tests run several at once, and two of them must not
    // both pick a port that is still free only because neither has bound it yet.
    private static readonly HashSet<int> ChosenInProcess = [];
    private static readonly Lock ChosenInProcessGate = new();

    /// <summary>A port nothing listens on now and that this allocator has not handed out before.</summary>
    public int GetFreePort()
    {
        lock (_gate)
        {
            for (var attempt = 0; attempt < 1000; attempt++)
            {
                var port = Random.Shared.Next(Range.Low, Range.High + 1);
                lock (ChosenInProcessGate)
                {
                    if (!_handedOut.Contains(port) && IsFree(port) && ChosenInProcess.Add(port))
                    {
                        _handedOut.Add(port);
                        return port;
                    }
                }
            }
            throw new DistributedApplicationException($"No free port found between {Range.Low} and {Range.High}.");
        }
    }

    private static (int Low, int High) ChooseRange()
    {
        var (ephemeralLow, ephemeralHigh) = (32768, 60999);
        try
        {
            var parts = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split(new[] { '\t', ' ' }, StringSplitOptions.RemoveEmptyEntries);
            (ephemeralLow, ephemeralHigh) = (int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
        }
        // Prefer 20000..below the ephemeral range (clear of the usual 1024-19999 service ports), else above it.
        return ephemeralLow - 20000 >= 2000 ? (20000, ephemeralLow - 1)
            : 65535 - ephemeralHigh >= 2000 ? (ephemeralHigh + 1, 65535)
            : (10000, 19999);
    }

    /// <summary>Claims a fixed port; fails with the owner's name when it is taken.</summary>
    public int Reserve(int port, string owner)
    {
        lock (_gate)
        {
            if (!_handedOut.Add(port))
            {
                throw new DistributedApplicationException($"Port {port} of '{owner}' is used by another resource of this application.");
            }
        }

        if (!IsFree(port))
        {
            throw new DistributedApplicationException(
                $"Port {port} of '{owner}' is already in use by another process (another AppHost running?). " +
                "Stop it, or run with different ports.");
        }
        return port;
    }

    /// <summary>True when a server could bind 127.0.0.1:<paramref name="port"/> now.</summary>
    public static bool IsFree(int port)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        // Like the servers themselves (SO_REUSEADDR): a TIME_WAIT left by a stopped server does not make the port busy.
        socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        try
        {
            socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
            socket.Listen();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
