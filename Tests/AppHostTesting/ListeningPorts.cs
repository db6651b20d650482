using System.Globalization;

namespace WhatsAppGenesys.AppHostTesting;

public static class ListeningPorts
{
    /// <summary>
    /// The listening sockets these processes hold (their socket inodes in /proc/&lt;pid&gt;/fd), as (port, inode). An
    /// inode names one socket: another program that later listens on the same port has a socket of its own, while a
    /// process that inherited one of these still shows it.
    /// </summary>
    public static IReadOnlySet<(int Port, long Inode)> SocketsOwnedBy(IEnumerable<int> pids)
    {
        var inodes = new HashSet<long>();
        foreach (var pid in pids)
        {
            try
            {
                foreach (var fd in Directory.EnumerateFiles($"/proc/{pid}/fd"))
                {
                    var target = new FileInfo(fd).LinkTarget;
                    if (target is not null && target.StartsWith("socket:[", StringComparison.Ordinal))
                    {
                        inodes.Add(long.Parse(target["socket:[".Length..^1], CultureInfo.InvariantCulture));
                    }
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Gone meanwhile.
            }
        }
        return Listening().Where(l => inodes.Contains(l.Inode)).ToHashSet();
    }

    /// <summary>Every listening TCP socket now, IPv4 and IPv6, as (port, inode).</summary>
    public static IReadOnlySet<(int Port, long Inode)> Sockets() => Listening().ToHashSet();

    // /proc/net/tcp and tcp6: local address (hex ip:port) in field 1, state in field 3 (0A = LISTEN), inode in field 9.
    private static IEnumerable<(int Port, long Inode)> Listening()
    {
        foreach (var file in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            if (!File.Exists(file))
            {
                continue;
            }
            foreach (var line in File.ReadLines(file).Skip(1))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length > 9 && fields[3] == "0A")
                {
                    yield return (int.Parse(fields[1][(fields[1].LastIndexOf(':') + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                                  long.Parse(fields[9], CultureInfo.InvariantCulture));
                }
            }
        }
    }
}
