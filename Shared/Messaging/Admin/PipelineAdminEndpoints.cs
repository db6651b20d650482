using WhatsAppGenesys.Contracts.Operations;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using WhatsAppGenesys.Messaging.Admin;
using WhatsAppGenesys.Messaging.Topology;

namespace Microsoft.AspNetCore.Builder;

/// <summary>The operator's view of a pipeline: queue depths, parked messages, replay.</summary>
public static class PipelineAdminEndpoints
{
    /// <summary>
    /// Maps, under <c>/admin/pipelines/{pipeline}</c>: <c>GET queues</c>; <c>GET dead-letters</c> and <c>GET errors</c>
    /// (<c>?limit=</c>, default 100); <c>POST dead-letters/replay</c> and <c>POST errors/replay</c> (all, or
    /// <c>?messageId=</c>). Returns the group so the service can add its admin authorization.
    /// </summary>
    public static RouteGroupBuilder MapPipelineAdminEndpoints(this IEndpointRouteBuilder endpoints, string pipeline)
    {
        PipelineNames.Validate(pipeline);
        var group = endpoints.MapGroup($"/admin/pipelines/{pipeline}").WithTags("Pipelines");

        group.MapGet("/queues", async Task<Ok<IReadOnlyList<QueueDepth>>> (PipelineAdmin admin, CancellationToken ct) =>
            TypedResults.Ok(await admin.CountsAsync(pipeline, ct)));

        Map("dead-letters", ParkingLot.DeadLetter);
        Map("errors", ParkingLot.Error);
        return group;

        void Map(string path, ParkingLot lot)
        {
            group.MapGet($"/{path}", async Task<Results<Ok<IReadOnlyList<ParkedMessage>>, BadRequest<string>>> (
                PipelineAdmin admin, int? limit, CancellationToken ct) =>
                limit is < 1 or > PipelineAdmin.MaxBatch
                    ? TypedResults.BadRequest($"limit must be between 1 and {PipelineAdmin.MaxBatch}")
                    : TypedResults.Ok(await admin.PeekAsync(pipeline, lot, limit ?? 100, ct)));

            group.MapPost($"/{path}/replay", async Task<Ok<ReplayResult>> (PipelineAdmin admin, string? messageId, CancellationToken ct) =>
                TypedResults.Ok(await admin.ReplayAsync(pipeline, lot, string.IsNullOrEmpty(messageId) ? null : messageId, ct)));
        }
    }
}
