using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace WhatsAppGenesys.AppHost.LocalServers;

/// <summary>
/// A PostgreSQL server from Debian's package, in the foreground, with its own cluster. initdb and postgres refuse to
/// run as root, so as root (CI) both run as the <c>postgres</c> user. The server runs under a small shell that turns
/// a stop request (SIGTERM) into a fast shutdown; see <see cref="LocalPostgresBuilderExtensions"/>.
/// </summary>
public sealed class LocalPostgresResource(string name, string dataDirectory, int port, ParameterResource password)
    : LocalServerResource(name, "/bin/sh", Posix.IsRoot ? Path.GetTempPath() : dataDirectory, port)
{
    public const string SuperUser = "postgres";

    public ParameterResource Password { get; } = password;

    /// <summary>Its own data: the cluster, and the marker that says the cluster belongs to this data directory.</summary>
    public string DataDirectory { get; } = dataDirectory;

    /// <summary>
    /// The cluster, in the data directory. As root the postgres user must be able to reach it; when the data directory
    /// lies under a folder it cannot enter (a 0700 home), the cluster goes under /tmp instead, named after the data
    /// directory so the same data keeps the same cluster.
    /// </summary>
    public string ClusterDirectory => !Posix.IsRoot || Posix.IsReachableByEveryone(DataDirectory)
        ? Path.Combine(DataDirectory, "pgdata")
        : Path.Combine(Path.GetTempPath(), "whatsappgenesys-pg-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(DataDirectory)))[..12]);

    public override ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"Host=127.0.0.1;Port={Port.ToString(CultureInfo.InvariantCulture)};Username={SuperUser};Password={Password}");

    public override async Task<bool> IsReadyAsync(CancellationToken cancellationToken) =>
        await QueryAsync("postgres", "SELECT 1", cancellationToken) is not null;

    /// <summary>Runs a scalar query in one of its databases; null when the server cannot be reached.</summary>
    public async Task<object?> QueryAsync(string database, string sql, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(await ConnectionStringExpression.GetValueAsync(cancellationToken))
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
            return await command.ExecuteScalarAsync(cancellationToken) ?? DBNull.Value;
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or IOException)
        {
            return null;
        }
    }

    /// <summary>The newest installed major version's binaries (/usr/lib/postgresql/&lt;n&gt;/bin).</summary>
    public static string Binary(string name)
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
