using System.Net;
using System.Net.Sockets;

namespace WhatsAppGenesys.AppHostTesting;

public static class Ports
{
    /// <summary>True when nothing listens on the loopback port (we can bind it ourselves).</summary>
    public static bool IsFree(int port)
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
}
