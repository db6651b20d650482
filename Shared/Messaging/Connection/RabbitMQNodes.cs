using RabbitMQ.Client;

namespace WhatsAppGenesys.Messaging.Connection;

/// <summary>
/// The broker nodes a RabbitMQ connection string names. A single broker is one AMQP URI; a cluster is several,
/// separated by commas (<c>amqp://user:pass@node1:5672,amqp://user:pass@node2:5672,…</c>). The first URI gives the
/// credentials, virtual host and TLS; each one gives a node to try, so the connection opens on any node that is up
/// and, after losing its node, recovers onto another.
/// </summary>
public sealed class RabbitMQNodes
{
    private RabbitMQNodes(IReadOnlyList<Uri> uris)
    {
        Primary = uris[0];
        Endpoints = [.. uris.Select(ToEndpoint)];
    }

    /// <summary>The URI the connection factory is configured from (credentials, virtual host, TLS).</summary>
    public Uri Primary { get; }

    /// <summary>Every node, in the order given; the client tries them in a random order, spreading connections.</summary>
    public IReadOnlyList<AmqpTcpEndpoint> Endpoints { get; }

    public bool IsCluster => Endpoints.Count > 1;

    public static bool TryParse(string? connectionString, out RabbitMQNodes nodes)
    {
        nodes = null!;
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return false;
        }
        var uris = new List<Uri>();
        foreach (var part in connectionString.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!Uri.TryCreate(part, UriKind.Absolute, out var uri) || uri.Scheme is not ("amqp" or "amqps") || uri.Host.Length == 0)
            {
                return false;
            }
            uris.Add(uri);
        }
        if (uris.Count == 0)
        {
            return false;
        }
        nodes = new RabbitMQNodes(uris);
        return true;
    }

    private static AmqpTcpEndpoint ToEndpoint(Uri uri) => uri.Scheme == "amqps"
        ? new AmqpTcpEndpoint(uri.Host, uri.Port, new SslOption(uri.Host, enabled: true))
        : new AmqpTcpEndpoint(uri.Host, uri.Port);
}
