using System.Globalization;

namespace WhatsAppGenesys.AppHostTesting;

public static class ListeningPorts
{
    /// <summary>Every TCP port something listens on now, IPv4 and IPv6 (/proc/net/tcp and tcp6, state 0A).</summary>
    public static IReadOnlySet<int> Read()
    {
        var ports = new HashSet<int>();
        foreach (var file in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            if (!File.Exists(file))
            {
                continue;
            }
            foreach (var line in File.ReadLines(file).Skip(1))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length > 3 && fields[3] == "0A")
                {
                    ports.Add(int.Parse(fields[1][(fields[1].LastIndexOf(':') + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                }
            }
        }
        return ports;
    }
}
