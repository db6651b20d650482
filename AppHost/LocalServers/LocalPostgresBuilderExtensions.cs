using System.Globalization;
using WhatsAppGenesys.AppHost.Infrastructure;

namespace WhatsAppGenesys.AppHost.LocalServers;

public static class LocalPostgresBuilderExtensions
{
    public static IResourceBuilder<LocalPostgresResource> AddLocalPostgres(this IDistributedApplicationBuilder builder, string name, int port)
    {
        // Like Aspire's own "<name>-password" parameter: configurable, else generated once and kept with the data.
        var password = builder.AddSecret($"{name}-password", bytes: 16);
        var server = new LocalPostgresResource(name, builder.DataDirectoryOf(name), port, password.Resource);

        List<string> settings =
        [
            "listen_addresses=127.0.0.1",
            // No Unix socket: the system directory (/var/run/postgresql) may belong to a system-wide server.
            "unix_socket_directories=",
            // A dozen services with connection pools, plus tests and restarts: more than the default 100.
            "max_connections=200",
        ];
        if (builder.UsesFastUnsafeStorage())
        {
            // Only an OS crash can lose data without these; a killed server still recovers every commit from its WAL,
            // which the crash tests rely on. (synchronous_commit=off would lose the last commits on a kill: not used.)
            settings.AddRange(["fsync=off", "full_page_writes=off"]);
        }
        string[] postgres = ["-D", server.ClusterDirectory, "-p", port.ToString(CultureInfo.InvariantCulture), .. settings.SelectMany(s => new[] { "-c", s })];

        var binary = LocalPostgresResource.Binary("postgres");
        string[] command = Posix.IsRoot ? ["setpriv", .. ServerUserArgs(binary, postgres)] : [binary, .. postgres];
        return builder.AddLocalServer(server)
            .WithArgs(["-c", FastShutdownOnTerm, "postgres", .. command])
            .OnBeforeResourceStarted((resource, _, ct) => PostgresCluster.EnsureAsync(resource, builder.UsesFastUnsafeStorage(), ct));
    }

    /// <summary>
    /// The process DCP starts and stops: a shell that runs the server as its child and turns SIGTERM (what DCP sends
    /// to stop a resource, and on Ctrl+C) into SIGINT. PostgreSQL takes SIGTERM as a "smart" shutdown, which waits for
    /// every client to disconnect: with the services' connection pools open it never ends, and the stop times out.
    /// SIGINT is its fast shutdown (roll back open transactions, checkpoint, exit), which is also what PostgreSQL's
    /// container image stops it with.
    /// </summary>
    private const string FastShutdownOnTerm = """
        "$@" & server=$!
        trap 'kill -INT "$server" 2>/dev/null' TERM INT
        wait "$server"; status=$?
        while kill -0 "$server" 2>/dev/null; do wait "$server"; status=$?; done
        exit "$status"
        """;

    /// <summary>
    /// The arguments for a server binary: as root the command is setpriv, which runs the binary as the postgres user;
    /// otherwise the command is the binary itself.
    /// </summary>
    internal static IEnumerable<string> ServerUserArgs(string file, IEnumerable<string> args) =>
        Posix.IsRoot
            ? ["--reuid=" + LocalPostgresResource.SuperUser, "--regid=" + LocalPostgresResource.SuperUser, "--init-groups", "--", file, .. args]
            : args;
}
