using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using WhatsAppGenesys.AppHost.Infrastructure;

namespace WhatsAppGenesys.AppHost.LocalServers;

/// <summary>A Redis server from Debian's package: in memory only (no RDB/AOF), bound to loopback.</summary>
public sealed class LocalRedisResource(string name, string workingDirectory, int port)
    : LocalServerResource(name, "redis-server", workingDirectory, port)
{
    /// <summary>The StackExchange.Redis form, <c>127.0.0.1:&lt;port&gt;</c>.</summary>
    public override ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}");

    // PING over RESP: ready only when Redis answers PONG (not while it is still loading, which answers -LOADING).
    public override async Task<bool> IsReadyAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port, timeout.Token);
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

public static class LocalRedisBuilderExtensions
{
    public static IResourceBuilder<LocalRedisResource> AddLocalRedis(this IDistributedApplicationBuilder builder, string name, int port)
    {
        var directory = builder.DataDirectoryOf(name);
        return builder.AddLocalServer(new LocalRedisResource(name, directory, port))
            .WithArgs("--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--dir", directory,
                      "--save", "", "--appendonly", "no");
    }
}
