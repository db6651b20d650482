using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using WhatsAppGenesys.Hosting.Processes;

namespace WhatsAppGenesys.Hosting;

/// <summary>A Redis 7 server: in-memory only (no RDB/AOF), bound to loopback.</summary>
public sealed class RedisResource(string name, int? port) : ServerResource(name, port)
{
    public override string Kind => "Redis";

    private protected override string BuildConnectionString(int port) => $"127.0.0.1:{port}";

    private protected override IEnumerable<ProcessSpec> GetProcessSpecs()
    {
        Directory.CreateDirectory(DataDirectory);
        yield return new ProcessSpec(Name, Command.RequireOnPath("redis-server", "redis-server"),
            ["--port", Port!.Value.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--dir", DataDirectory,
             "--save", "", "--appendonly", "no"],
            DataDirectory, new Dictionary<string, string?>());
    }

    // PING over RESP: healthy only when Redis answers PONG (not while it is still loading, which answers -LOADING).
    internal override async Task<bool> IsHealthyAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port!.Value, timeout.Token);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray(), timeout.Token);
            var buffer = new byte[64];
            var read = await stream.ReadAsync(buffer, timeout.Token);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is SocketException or IOException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return false;
        }
    }
}

public static class RedisBuilderExtensions
{
    /// <summary>A Redis server; its connection string is <c>127.0.0.1:&lt;port&gt;</c> (StackExchange.Redis format).</summary>
    public static IResourceBuilder<RedisResource> AddRedis(this IDistributedApplicationBuilder builder, string name, int? port = null) =>
        builder.AddResource(new RedisResource(name, port));
}
