namespace WhatsAppGenesys.AppHost.LocalServers;

/// <summary>Creates the server's cluster (initdb) before its first start, and again when its data was reset.</summary>
internal static class PostgresCluster
{
    public static async Task EnsureAsync(LocalPostgresResource server, bool fastUnsafeStorage, CancellationToken cancellationToken)
    {
        var cluster = server.ClusterDirectory;
        RemoveStaleLockFile(cluster);
        // The marker lives in the data directory, the cluster (as root) under /tmp: a developer who deletes the data
        // directory gets a new password, so a cluster left behind from the old data must go.
        var marker = Path.Combine(server.DataDirectory, "cluster-initialized");
        if (File.Exists(Path.Combine(cluster, "PG_VERSION")) && File.Exists(marker))
        {
            return;
        }
        // No PG_VERSION: nothing, or an initdb that was interrupted. Either way start from an empty directory.
        if (Directory.Exists(cluster))
        {
            Directory.Delete(cluster, recursive: true);
        }

        var workingDirectory = server.WorkingDirectory;
        string passwordFile;
        if (Posix.IsRoot)
        {
            var parent = Path.GetDirectoryName(cluster)!;
            // The cluster itself: owned by the postgres user, private to it.
            await Posix.RunAsync("install", ["-d", "-o", LocalPostgresResource.SuperUser, "-g", LocalPostgresResource.SuperUser, "-m", "0700", cluster], workingDirectory, cancellationToken);
            passwordFile = Path.Combine(parent, $".initdb-password-{Guid.NewGuid():N}");
        }
        else
        {
            passwordFile = Path.Combine(server.DataDirectory, ".initdb-password");
        }

        try
        {
            await File.WriteAllTextAsync(passwordFile, await server.Password.GetValueAsync(cancellationToken), cancellationToken);
            if (Posix.IsRoot)
            {
                await Posix.RunAsync("chown", [LocalPostgresResource.SuperUser, passwordFile], workingDirectory, cancellationToken);
            }
            string[] initdb =
            [
                "-D", cluster, "-U", LocalPostgresResource.SuperUser, $"--pwfile={passwordFile}", "--auth=scram-sha-256",
                "--encoding=UTF8", "--locale=C", .. fastUnsafeStorage ? ["--no-sync"] : Array.Empty<string>(),
            ];
            var binary = LocalPostgresResource.Binary("initdb");
            await Posix.RunAsync(Posix.IsRoot ? "setpriv" : binary,
                LocalPostgresBuilderExtensions.ServerUserArgs(binary, initdb), workingDirectory, cancellationToken);
            await File.WriteAllTextAsync(marker, cluster, cancellationToken);
        }
        finally
        {
            File.Delete(passwordFile);
        }
    }

    /// <summary>
    /// A server killed outright (SIGKILL, a crash) leaves postmaster.pid behind. PostgreSQL ignores it when that
    /// process is gone, but not when it is a zombie nobody has reaped yet: the launcher that was its parent died with
    /// it, and an orphan's new parent may not reap it for a while. The next start then fails with "lock file
    /// postmaster.pid already exists". A zombie holds no shared memory, so its lock file can go.
    /// </summary>
    private static void RemoveStaleLockFile(string cluster)
    {
        var lockFile = Path.Combine(cluster, "postmaster.pid");
        string? firstLine;
        try
        {
            firstLine = File.ReadLines(lockFile).FirstOrDefault();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return; // none (the usual case), or not ours to read: PostgreSQL decides
        }
        if (int.TryParse(firstLine, out var pid) && Posix.IsZombie(pid))
        {
            File.Delete(lockFile);
        }
    }
}
