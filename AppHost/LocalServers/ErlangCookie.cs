using System.Security.Cryptography;

namespace WhatsAppGenesys.AppHost.LocalServers;

/// <summary>
/// The shared secret Erlang nodes must agree on to form a cluster. Generated once and kept with the cluster's data,
/// then written as <c>~/.erlang.cookie</c> (readable by its owner only, or Erlang refuses it) into each node's home.
/// </summary>
internal static class ErlangCookie
{
    public static string For(string clusterDirectory)
    {
        var path = Path.Combine(clusterDirectory, "cluster.cookie");
        if (!File.Exists(path))
        {
            File.WriteAllText(path, RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 32));
            OwnerOnly(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        return File.ReadAllText(path).Trim();
    }

    public static void WriteTo(string home, string cookie)
    {
        var path = Path.Combine(home, ".erlang.cookie");
        if (File.Exists(path) && File.ReadAllText(path) == cookie)
        {
            return;
        }
        File.Delete(path);
        File.WriteAllText(path, cookie);
        OwnerOnly(path, UnixFileMode.UserRead);
    }

    private static void OwnerOnly(string path, UnixFileMode mode)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, mode);
        }
    }
}
