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
            group.MapGet($"/{path}", async Task<Results<Ok<IReadOnlyList<ParkedMessage>>, BadRequest<string>, ProblemHttpResult>> (
                PipelineAdmin admin, int? limit, CancellationToken ct) =>
            {
                if (limit is < 1 or > PipelineAdmin.MaxBatch)
                {
                    return TypedResults.BadRequest($"limit must be between 1 and {PipelineAdmin.MaxBatch}");
                }
                try
                {
                    return TypedResults.Ok(await admin.PeekAsync(pipeline, lot, limit ?? 100, ct));
                }
                catch (ParkingQueueBusyException ex)
                {
                    return Busy(ex);
                }
            });

            group.MapPost($"/{path}/replay", async Task<Results<Ok<ReplayResult>, ProblemHttpResult>> (PipelineAdmin admin, string? messageId, CancellationToken ct) =>
            {
                try
                {
                    return TypedResults.Ok(await admin.ReplayAsync(pipeline, lot, string.IsNullOrEmpty(messageId) ? null : messageId, ct));
                }
                catch (ParkingQueueBusyException ex)
                {
                    return Busy(ex);
                }
            });
        }
    }

    private static ProblemHttpResult Busy(ParkingQueueBusyException ex) =>
        TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Parking queue busy");
}
