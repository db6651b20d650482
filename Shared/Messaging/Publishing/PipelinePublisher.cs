using System.Text.Json;
using WhatsAppGenesys.Messaging.Topology;

namespace WhatsAppGenesys.Messaging.Publishing;

/// <summary>
/// Publishes into a pipeline: to its exchange, routed to the partition its ordering key maps to (so every message of
/// one customer lands in the same partition queue), persistent, and returning only once the broker confirmed it.
/// A webhook answers 2xx only after this returns; an exception means "not safely queued" (answer 5xx).
/// </summary>
public sealed class PipelinePublisher(ConfirmedPublisher publisher, PipelineRegistry registry, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <param name="orderingKey">Messages with the same key are handled in publish order, e.g. <c>{tenantId}:{customerId}</c>.</param>
    /// <param name="messageId">A stable id for idempotency downstream (the wamid, the Genesys message id).</param>
    /// <param name="type">What the body is, for the consumer to dispatch on.</param>
    public Task PublishAsync(string pipeline, string orderingKey, string messageId, string type, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var options = registry.Get(pipeline);
        ArgumentException.ThrowIfNullOrEmpty(orderingKey);
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        var headers = new Dictionary<string, object?>(3, StringComparer.Ordinal)
        {
            [PipelineHeaders.OrderingKey] = orderingKey,
            [PipelineHeaders.Attempt] = 0,
            [PipelineHeaders.FirstSeen] = _time.GetUtcNow().ToUnixTimeMilliseconds(),
        };
        return publisher.PublishAsync(
            new OutgoingMessage(PipelineNames.Exchange(pipeline), PipelineNames.RoutingKey(pipeline, orderingKey, options.Partitions), messageId, type, body, headers),
            cancellationToken);
    }

    /// <summary>Serializes <paramref name="message"/> as JSON (web defaults unless <paramref name="options"/> is given) and publishes it.</summary>
    /// <remarks>Named apart from the raw overload: a byte[] body would otherwise bind to this generic one and recurse.</remarks>
    public Task PublishJsonAsync<T>(string pipeline, string orderingKey, string messageId, string type, T message, CancellationToken cancellationToken,
        JsonSerializerOptions? options = null) =>
        PublishAsync(pipeline, orderingKey, messageId, type,
            new ReadOnlyMemory<byte>(JsonSerializer.SerializeToUtf8Bytes(message, options ?? JsonSerializerOptions.Web)), cancellationToken);
}
