using Microsoft.EntityFrameworkCore;
using Npgsql;
using WhatsAppGenesys.Contracts.Agents;
using WhatsAppGenesys.PortalService.Agents;
using WhatsAppGenesys.PortalService.Data;

namespace WhatsAppGenesys.PortalService.QuickReplies;

/// <summary>
/// <c>/api/v1/agent/quick-replies</c>: the workspace's saved answers. Every agent lists them (the composer inserts
/// them); supervisors and admins create, change and delete them. Always the signed-in agent's tenant.
/// </summary>
public static class QuickRepliesApi
{
    public static IEndpointRouteBuilder MapQuickRepliesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/agent/quick-replies")
            .RequireAuthorization(AgentSessionAuthentication.Policy)
            .WithTags("Quick replies");
        group.MapGet("", ListAsync).WithSummary("The workspace's quick replies, by title").Produces<List<QuickReplyView>>();
        group.MapPost("", CreateAsync).WithSummary("Save a quick reply (supervisors and admins)")
            .Produces<QuickReplyView>(StatusCodes.Status201Created).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPut("/{id:guid}", UpdateAsync).WithSummary("Change a quick reply (supervisors and admins)")
            .Produces<QuickReplyView>().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapDelete("/{id:guid}", DeleteAsync).WithSummary("Delete a quick reply (supervisors and admins)")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<IResult> ListAsync(HttpContext http, PortalDbContext db, CancellationToken ct)
    {
        var tenantId = http.Agent().TenantId;
        var replies = await db.QuickReplies.AsNoTracking().Where(r => r.TenantId == tenantId).OrderBy(r => r.Title).ToListAsync(ct);
        return Results.Ok(replies.Select(View).ToList());
    }

    private static async Task<IResult> CreateAsync(QuickReplyRequest request, HttpContext http, PortalDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var agent = http.Agent();
        if (Refusal(agent, request) is { } refused)
        {
            return refused;
        }
        var now = clock.GetUtcNow();
        var reply = new QuickReply
        {
            Id = Guid.CreateVersion7(now),
            TenantId = agent.TenantId,
            Title = request.Title!.Trim(),
            Text = request.Text!.Trim(),
            UpdatedBy = agent.Name,
            UpdatedAt = now,
        };
        db.QuickReplies.Add(reply);
        return await SaveAsync(db, reply, ct) ?? Results.Created($"/api/v1/agent/quick-replies/{reply.Id}", View(reply));
    }

    private static async Task<IResult> UpdateAsync(Guid id, QuickReplyRequest request, HttpContext http, PortalDbContext db, TimeProvider clock,
        CancellationToken ct)
    {
        var agent = http.Agent();
        if (Refusal(agent, request) is { } refused)
        {
            return refused;
        }
        if (await db.QuickReplies.FirstOrDefaultAsync(r => r.TenantId == agent.TenantId && r.Id == id, ct) is not { } reply)
        {
            return NotFound();
        }
        reply.Title = request.Title!.Trim();
        reply.Text = request.Text!.Trim();
        reply.UpdatedBy = agent.Name;
        reply.UpdatedAt = clock.GetUtcNow();
        return await SaveAsync(db, reply, ct) ?? Results.Ok(View(reply));
    }

    private static async Task<IResult> DeleteAsync(Guid id, HttpContext http, PortalDbContext db, CancellationToken ct)
    {
        var agent = http.Agent();
        if (!AgentRoles.SeesAllConversations(agent.Role))
        {
            return Forbidden();
        }
        var deleted = await db.QuickReplies.Where(r => r.TenantId == agent.TenantId && r.Id == id).ExecuteDeleteAsync(ct);
        return deleted == 0 ? NotFound() : Results.NoContent();
    }

    /// <summary>Why the agent may not write this quick reply, or null: the role first, then the fields.</summary>
    private static IResult? Refusal(AgentUser agent, QuickReplyRequest request)
    {
        if (!AgentRoles.SeesAllConversations(agent.Role))
        {
            return Forbidden();
        }
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Title) || request.Title.Trim().Length > QuickReplyRequest.MaxTitleLength)
        {
            errors["title"] = [$"Give it a title of 1 to {QuickReplyRequest.MaxTitleLength} characters."];
        }
        if (string.IsNullOrWhiteSpace(request.Text) || request.Text.Trim().Length > AgentReplyRequest.MaxTextLength)
        {
            errors["text"] = [$"Give it a text of 1 to {AgentReplyRequest.MaxTextLength} characters, the most one message can carry."];
        }
        return errors.Count > 0 ? Results.ValidationProblem(errors) : null;
    }

    private static async Task<IResult?> SaveAsync(PortalDbContext db, QuickReply reply, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Title taken",
                detail: $"The workspace already has a quick reply called “{reply.Title}”.");
        }
    }

    private static QuickReplyView View(QuickReply reply) => new(reply.Id, reply.Title, reply.Text, reply.UpdatedBy, reply.UpdatedAt);

    private static IResult Forbidden() => Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed",
        detail: "Only supervisors and admins keep the quick replies.");

    private static IResult NotFound() => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such quick reply",
        detail: "This workspace has no quick reply with that id.");
}
