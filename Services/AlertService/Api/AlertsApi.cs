using Microsoft.EntityFrameworkCore;
using WhatsAppGenesys.AlertService.Data;
using WhatsAppGenesys.Clients.Tenancy;
using WhatsAppGenesys.Contracts.Alerts;

namespace WhatsAppGenesys.AlertService.Api;

/// <summary>
/// Alerts and their history, newest first. <c>/admin/alerts</c> is the operators' (every tenant and the platform;
/// the gateway's operator route); <c>/api/v1/alerts</c> a tenant's own (the gateway sends the caller's tenant as
/// <c>X-Tenant-ID</c>), which never includes platform alerts.
/// </summary>
public static class AlertsApi
{
    public static IEndpointRouteBuilder MapAlertsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/admin/alerts", (string? state, string? tenantId, int? limit, AlertDbContext db, CancellationToken ct) =>
                ListAsync(db, state, tenantId, limit, ct))
            .WithTags("Admin")
            .WithSummary("Alerts of every tenant and the platform: state=open|resolved (default both), tenantId to narrow, newest first")
            .Produces<List<AlertResponse>>();

        app.MapGroup("/api/v1/alerts").RequireTenantHeader().WithTags("Alerts")
            .MapGet("", (string? state, int? limit, HttpContext http, AlertDbContext db, CancellationToken ct) =>
                ListAsync(db, state, http.TenantId(), limit, ct))
            .WithSummary("The calling tenant's alerts: state=open|resolved (default both), newest first")
            .Produces<List<AlertResponse>>();
        return app;
    }

    private static async Task<IResult> ListAsync(AlertDbContext db, string? state, string? tenantId, int? limit, CancellationToken ct)
    {
        if (state is not (null or AlertStates.Open or AlertStates.Resolved))
        {
            return Results.Problem(statusCode: 400, title: "state is open or resolved");
        }
        var query = db.Alerts.AsNoTracking();
        if (state is not null)
        {
            query = query.Where(a => a.State == state);
        }
        if (tenantId is not null)
        {
            query = query.Where(a => a.TenantId == tenantId);
        }
        var alerts = await query.OrderByDescending(a => a.OpenedAt).Take(Math.Clamp(limit ?? 100, 1, 1000)).ToListAsync(ct);
        return Results.Ok(alerts.Select(Describe).ToList());
    }

    public static AlertResponse Describe(AlertRow a) =>
        new(a.Id, a.Rule, a.TenantId, a.Subject, a.Severity, a.State, a.Summary, a.OpenedAt, a.LastSeenAt, a.ResolvedAt);
}
