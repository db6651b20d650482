using System.Net;
using System.Net.Sockets;

namespace WhatsAppGenesys.Hosting.Orchestration;

/// <summary>Hands out loopback ports: the model's fixed ones (checked to be free) or free ones chosen by the OS.</summary>
public sealed class PortAllocator
{
    private readonly HashSet<int> _handedOut = [];
    private readonly Lock _gate = new();

    /// <summary>A port nothing listens on now and that this allocator has not handed out before.</summary>
    public int GetFreePort()
    {
        lock (_gate)
        {
            while (true)
            {
                using var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                listener.Stop();
                if (_handedOut.Add(port))
                {
                    return port;
                }
            }
        }
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
