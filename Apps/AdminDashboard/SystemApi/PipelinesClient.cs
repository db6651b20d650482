using WhatsAppGenesys.Contracts.Events;
using WhatsAppGenesys.Contracts.Operations;

namespace WhatsAppGenesys.AdminDashboard.SystemApi;

/// <summary>Which parking queue: <c>dead-letters</c> (attempts exhausted) or <c>errors</c> (poison).</summary>
public enum ParkingLot
{
    DeadLetters,
    Errors,
}

/// <summary>The pipelines' admin endpoints (<c>/admin/pipelines/{pipeline}</c>): depths, parked messages, replay.</summary>
public sealed class PipelinesClient(GatewayClient gateway)
{
    /// <summary>Every pipeline, in the order a message meets them.</summary>
    public static IReadOnlyList<string> All => Pipelines.All;

    public Task<List<QueueDepth>> QueuesAsync(string pipeline, CancellationToken ct) =>
        gateway.GetAsync<List<QueueDepth>>($"/admin/pipelines/{Known(pipeline)}/queues", ct);

    public Task<List<ParkedMessage>> ParkedAsync(string pipeline, ParkingLot lot, CancellationToken ct) =>
        gateway.GetAsync<List<ParkedMessage>>($"/admin/pipelines/{Known(pipeline)}/{Path(lot)}?limit=500", ct);

    /// <summary>Replays one message (by id) or, with <paramref name="messageId"/> null, every message parked there.</summary>
    public Task<ReplayResult> ReplayAsync(string pipeline, ParkingLot lot, string? messageId, CancellationToken ct) =>
        gateway.PostAsync<ReplayResult>(
            $"/admin/pipelines/{Known(pipeline)}/{Path(lot)}/replay" + (messageId is null ? "" : $"?messageId={Uri.EscapeDataString(messageId)}"),
            null, ct);

    /// <summary>The tenant a parked message belongs to: its ordering key is <c>{tenantId}:{customer or name}</c>.</summary>
    public static string TenantOf(ParkedMessage message) =>
        message.OrderingKey.Split(':', 2)[0];

    private static string Path(ParkingLot lot) => lot == ParkingLot.DeadLetters ? "dead-letters" : "errors";

    private static string Known(string pipeline) => All.Contains(pipeline)
        ? pipeline
        : throw new ArgumentException($"Unknown pipeline '{pipeline}'.", nameof(pipeline));
}
