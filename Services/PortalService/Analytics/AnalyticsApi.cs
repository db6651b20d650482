using System.Globalization;
using WhatsAppGenesys.Clients.Tenancy;
using WhatsAppGenesys.Contracts.Portal;

namespace WhatsAppGenesys.PortalService.Analytics;

/// <summary>
/// <c>/api/v1/portal/analytics</c>: the calling tenant's figures per hour or UTC day, as JSON or CSV, read from the
/// hourly counters (never from the messages or logs). The gateway names the tenant; no other tenant's rows are read.
/// </summary>
public static class AnalyticsApi
{
    public static IEndpointRouteBuilder MapAnalyticsApi(this IEndpointRouteBuilder app)
    {
        var analytics = app.MapGroup("/api/v1/portal/analytics").RequireTenantHeader().WithTags("Analytics");

        analytics.MapGet("", async (string? from, string? to, string? granularity, HttpContext http, AnalyticsReader reader, TimeProvider clock,
            CancellationToken ct) =>
        {
            var errors = new Dictionary<string, string[]>();
            return AnalyticsRange.TryRead(from, to, granularity, clock.GetUtcNow(), errors) is { } range
                ? Results.Ok(await reader.ReportAsync(http.TenantId(), range, ct))
                : Results.ValidationProblem(errors, title: "The request is not valid");
        })
        .WithSummary("Volumes by direction and type, delivered and read rates, failures by Meta error code, first-response and response times and campaign funnels, per hour or UTC day of [from, to)")
        .Produces<AnalyticsReport>()
        .ProducesValidationProblem();

        analytics.MapGet("/export.csv", async (string? from, string? to, string? granularity, HttpContext http, AnalyticsReader reader, TimeProvider clock,
            CancellationToken ct) =>
        {
            var errors = new Dictionary<string, string[]>();
            if (AnalyticsRange.TryRead(from, to, granularity, clock.GetUtcNow(), errors) is not { } range)
            {
                return Results.ValidationProblem(errors, title: "The request is not valid");
            }
            var report = await reader.ReportAsync(http.TenantId(), range, ct);
            return Results.Stream(body => AnalyticsCsv.WriteAsync(report, body, ct), "text/csv; charset=utf-8",
                string.Create(CultureInfo.InvariantCulture, $"analytics-{range.Granularity}-{range.From:yyyyMMdd'T'HH}-{range.To:yyyyMMdd'T'HH}.csv"));
        })
        .WithSummary("The same figures as CSV (RFC 4180, a header row): period_start,period_end,metric,dimension,value")
        .Produces(StatusCodes.Status200OK, contentType: "text/csv")
        .ProducesValidationProblem();

        // The operator console's view of one tenant: the same report, the tenant named in the path. Public only
        // through the gateway's operator route (/admin/tenants/{tenantId}/analytics).
        app.MapGet("/admin/tenants/{tenantId}/analytics", async (string tenantId, string? from, string? to, string? granularity,
            AnalyticsReader reader, TimeProvider clock, CancellationToken ct) =>
        {
            var errors = new Dictionary<string, string[]>();
            if (!Contracts.Tenancy.TenantIds.IsValid(tenantId))
            {
                errors["tenantId"] = ["Not a tenant id."];
            }
            return AnalyticsRange.TryRead(from, to, granularity, clock.GetUtcNow(), errors) is { } range && errors.Count == 0
                ? Results.Ok(await reader.ReportAsync(tenantId, range, ct))
                : Results.ValidationProblem(errors, title: "The request is not valid");
        })
        .WithTags("Admin")
        .WithSummary("A tenant's analytics report for operators (the same figures as /api/v1/portal/analytics)")
        .Produces<AnalyticsReport>()
        .ProducesValidationProblem();

        return app;
    }
}
