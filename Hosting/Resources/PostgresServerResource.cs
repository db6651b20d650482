using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;
using Npgsql;
using WhatsAppGenesys.Hosting.Processes;

namespace WhatsAppGenesys.Hosting;

/// <summary>A PostgreSQL 15 server run from the Debian package's binaries, in the foreground, with its own data.</summary>
public sealed class PostgresServerResource(string name, int? port) : ServerResource(name, port)
{
    private const string SuperUser = "postgres";
    private readonly List<PostgresDatabaseResource> _databases = [];
    private string _password = "";
    private bool _passwordIsNew;

    public override string Kind => "PostgreSQL";

    public IReadOnlyList<PostgresDatabaseResource> Databases => _databases;

    /// <summary>
    /// initdb and postgres refuse to run as root. As root they run as the <c>postgres</c> user, whose data directory
    /// must be reachable by it: a clone may live under a 0700 home or temp directory, so it goes under /tmp instead.
    /// </summary>
    private string ClusterDirectory => Posix.IsRoot
        ? Path.Combine(RootClusterParent, Name)
        : Path.Combine(DataDirectory, "pgdata");

    // Derived from the data directory so the same AppHost data keeps the same cluster across runs.
    private string RootClusterParent => Path.Combine(Path.GetTempPath(),
        "whatsappgenesys-pg-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Context.DataRoot)))[..12]);

    internal void AddDatabase(PostgresDatabaseResource database) => _databases.Add(database);

    private protected override string BuildConnectionString(int port) =>
        $"Host=127.0.0.1;Port={port};Username={SuperUser};Password={_password}";

    private protected override void OnInitialized()
    {
        // Like Aspire's "<name>-password" parameter; otherwise generated once and kept with the data it protects.
        _password = Context.Configuration[$"Parameters:{Name}-password"] ?? ReadOrCreatePassword();
    }

    private string ReadOrCreatePassword()
    {
        var file = Path.Combine(DataDirectory, "password");
        if (File.Exists(file))
        {
            return File.ReadAllText(file).Trim();
        }

        Directory.CreateDirectory(DataDirectory);
        _passwordIsNew = true;
        var password = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        File.WriteAllText(file, password);
        if (OperatingSystem.IsLinux())
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        return password;
    }

    private protected override async Task PrepareAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(DataDirectory);
        if (_passwordIsNew && Directory.Exists(ClusterDirectory))
        {
            // The data directory was reset but the cluster (under /tmp when root) was not: it has the old password.
            Log.Write(Name, "new password, so the cluster left from earlier data is recreated");
            Directory.Delete(ClusterDirectory, recursive: true);
        }
        _passwordIsNew = false; // a restart of this run keeps its cluster
        if (File.Exists(Path.Combine(ClusterDirectory, "PG_VERSION")))
        {
            return;
        }

        // No PG_VERSION: nothing, or an initdb that was interrupted. Either way start from an empty directory.
        if (Directory.Exists(ClusterDirectory))
        {
            Directory.Delete(ClusterDirectory, recursive: true);
        }

        var passwordFile = Posix.IsRoot ? await PrepareRootClusterDirectoryAsync(cancellationToken) : Path.Combine(DataDirectory, ".initdb-password");
        try
        {
            await File.WriteAllTextAsync(passwordFile, _password, cancellationToken);
            if (Posix.IsRoot)
            {
                await Command.RunAsync("chown", [SuperUser, passwordFile], WorkingDirectory, cancellationToken);
            }

            var (file, args) = AsServerUser(Binary("initdb"),
            [
                "-D", ClusterDirectory, "-U", SuperUser, $"--pwfile={passwordFile}", "--auth=scram-sha-256",
                "--encoding=UTF8", "--locale=C", .. Context.Options.FastUnsafeStorage ? ["--no-sync"] : Array.Empty<string>(),
            ]);
            Log.Write(Name, "initdb: creating a new cluster in " + ClusterDirectory);
            await Command.RunAsync(file, args, WorkingDirectory, cancellationToken);
        }
        finally
        {
            File.Delete(passwordFile);
        }
    }

    private async Task<string> PrepareRootClusterDirectoryAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(RootClusterParent);
        if (OperatingSystem.IsLinux())
        {
            // Traversable by the postgres user, writable only by root.
            File.SetUnixFileMode(RootClusterParent, (UnixFileMode)Convert.ToInt32("755", 8));
        }
        await Command.RunAsync("install", ["-d", "-o", SuperUser, "-g", SuperUser, "-m", "0700", ClusterDirectory], WorkingDirectory, cancellationToken);
        return Path.Combine(RootClusterParent, $".initdb-password-{Guid.NewGuid():N}");
    }

    private protected override IEnumerable<ProcessSpec> GetProcessSpecs()
    {
        List<string> settings =
        [
            "listen_addresses=127.0.0.1",
            // No Unix socket: the system directory (/var/run/postgresql) may belong to a system-wide server.
            "unix_socket_directories=",
            // Twelve services with connection pools, plus tests and restarts: more than the default 100.
            "max_connections=200",
        ];
        if (Context.Options.FastUnsafeStorage)
        {
            // Only an OS crash can lose data without these; a killed server still recovers every commit from its WAL,
            // which crash tests rely on. (synchronous_commit=off would lose the last commits on a kill: not used.)
            settings.AddRange(["fsync=off", "full_page_writes=off"]);
        }

        var (file, args) = AsServerUser(Binary("postgres"),
            ["-D", ClusterDirectory, "-p", Port!.Value.ToString(CultureInfo.InvariantCulture), .. settings.SelectMany(s => new[] { "-c", s })]);

        // SIGINT is PostgreSQL's "fast" shutdown: disconnect clients, checkpoint, exit. SIGTERM ("smart") would wait
        // for every pooled client connection to go away.
        yield return new ProcessSpec(Name, file, args, WorkingDirectory, new Dictionary<string, string?>(),
            StopSignal: Posix.SIGINT, StopTimeout: TimeSpan.FromSeconds(20));
    }

    internal override async Task<bool> IsHealthyAsync(CancellationToken cancellationToken) =>
        await QueryAsync("postgres", "SELECT 1", cancellationToken) is not null;

    /// <summary>Runs a scalar query on one of its databases; null when the server cannot be reached.</summary>
    internal async Task<object?> QueryAsync(string database, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString)
        {
            Database = database,
            Pooling = false,
            Timeout = 3,
            CommandTimeout = 10,
        };
        try
        {
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand(sql, connection);
            foreach (var (parameter, value) in parameters)
            {
                command.Parameters.AddWithValue(parameter, value);
            }
            return await command.ExecuteScalarAsync(cancellationToken) ?? DBNull.Value;
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or IOException)
        {
            return null;
        }
    }

    internal override void DeleteExternalData()
    {
        if (Posix.IsRoot && Directory.Exists(RootClusterParent))
        {
            Directory.Delete(RootClusterParent, recursive: true);
        }
    }

    // Working directory of the server processes: one the postgres user can enter, so it does not warn at start.
    private string WorkingDirectory => Posix.IsRoot ? Path.GetTempPath() : DataDirectory;

    private static (string File, IReadOnlyList<string> Args) AsServerUser(string file, IReadOnlyList<string> args) =>
        Posix.IsRoot
            ? ("setpriv", ["--reuid=" + SuperUser, "--regid=" + SuperUser, "--init-groups", "--", file, .. args])
            : (file, args);

    /// <summary>The newest installed major version's binaries (/usr/lib/postgresql/&lt;n&gt;/bin).</summary>
    private static string Binary(string name)
    {
        const string root = "/usr/lib/postgresql";
        var bin = Directory.Exists(root)
            ? Directory.GetDirectories(root)
                .Select(dir => (Dir: dir, Version: double.TryParse(Path.GetFileName(dir), CultureInfo.InvariantCulture, out var v) ? v : -1))
                .Where(d => File.Exists(Path.Combine(d.Dir, "bin", "postgres")))
                .OrderByDescending(d => d.Version)
                .Select(d => Path.Combine(d.Dir, "bin"))
                .FirstOrDefault()
            : null;
        return bin is null
            ? throw new DistributedApplicationException($"PostgreSQL server binaries were not found under {root}. Install the 'postgresql' package (scripts/install-prerequisites.sh does it).")
            : Path.Combine(bin, name);
    }
}

public static class PostgresBuilderExtensions
{
    /// <summary>A PostgreSQL server; its connection string is <c>Host=127.0.0.1;Port=&lt;p&gt;;Username=postgres;Password=&lt;pw&gt;</c>.</summary>
    public static IResourceBuilder<PostgresServerResource> AddPostgres(this IDistributedApplicationBuilder builder, string name, int? port = null) =>
        builder.AddResource(new PostgresServerResource(name, port));

    /// <summary>A database created on the server once it is healthy; its connection string adds <c>;Database=&lt;db&gt;</c>.</summary>
    public static IResourceBuilder<PostgresDatabaseResource> AddDatabase(this IResourceBuilder<PostgresServerResource> builder, string name, string? databaseName = null)
    {
        var database = new PostgresDatabaseResource(name, databaseName ?? name, builder.Resource);
        builder.Resource.AddDatabase(database);
        return builder.ApplicationBuilder.AddResource(database);
    }
}
