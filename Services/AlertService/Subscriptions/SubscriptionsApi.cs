using System.Net.Mail;
using Microsoft.EntityFrameworkCore;
using WhatsAppGenesys.AlertService.Data;
using WhatsAppGenesys.Clients.Tenancy;
using WhatsAppGenesys.Contracts.Alerts;

namespace WhatsAppGenesys.AlertService.Subscriptions;

/// <summary>
/// Who is told: <c>/admin/alerts/subscriptions</c> are the operators' (tenant <c>platform</c>: every alert),
/// <c>/api/v1/alerts/subscriptions</c> a tenant's (its own alerts). A webhook's secret is returned once, when the
/// subscription is made, and never listed.
/// </summary>
public static class SubscriptionsApi
{
    public static IEndpointRouteBuilder MapSubscriptionsApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/admin/alerts/subscriptions").WithTags("Admin");
        admin.MapGet("", (AlertDbContext db, CancellationToken ct) => ListAsync(db, AlertTenants.Platform, ct))
            .WithSummary("The operators' alert subscriptions").Produces<List<AlertSubscriptionResponse>>();
        admin.MapPost("", (AlertSubscriptionRequest request, AlertDbContext db, SubscriptionSecrets secrets, TimeProvider clock, CancellationToken ct) =>
                CreateAsync(db, secrets, clock, AlertTenants.Platform, request, ct))
            .WithSummary("Subscribe an operator address or webhook to every alert").Produces<CreatedAlertSubscriptionResponse>(201);
        admin.MapDelete("/{id:guid}", (Guid id, AlertDbContext db, CancellationToken ct) => DeleteAsync(db, AlertTenants.Platform, id, ct))
            .WithSummary("Remove an operators' subscription");

        var tenant = app.MapGroup("/api/v1/alerts/subscriptions").RequireTenantHeader().WithTags("Alerts");
        tenant.MapGet("", (HttpContext http, AlertDbContext db, CancellationToken ct) => ListAsync(db, http.TenantId(), ct))
            .WithSummary("The calling tenant's alert subscriptions").Produces<List<AlertSubscriptionResponse>>();
        tenant.MapPost("", (AlertSubscriptionRequest request, HttpContext http, AlertDbContext db, SubscriptionSecrets secrets, TimeProvider clock, CancellationToken ct) =>
                CreateAsync(db, secrets, clock, http.TenantId(), request, ct))
            .WithSummary("Subscribe an address or webhook to the calling tenant's alerts").Produces<CreatedAlertSubscriptionResponse>(201);
        tenant.MapDelete("/{id:guid}", (Guid id, HttpContext http, AlertDbContext db, CancellationToken ct) => DeleteAsync(db, http.TenantId(), id, ct))
            .WithSummary("Remove one of the calling tenant's subscriptions");
        return app;
    }

    private static async Task<IResult> ListAsync(AlertDbContext db, string tenantId, CancellationToken ct) =>
        Results.Ok((await db.Subscriptions.AsNoTracking().Where(s => s.TenantId == tenantId).OrderBy(s => s.CreatedAt).ToListAsync(ct))
            .Select(Describe).ToList());

    private static async Task<IResult> CreateAsync(AlertDbContext db, SubscriptionSecrets secrets, TimeProvider clock, string tenantId,
        AlertSubscriptionRequest request, CancellationToken ct)
    {
        if (Validate(request) is { } problem)
        {
            return Results.Problem(statusCode: 400, title: problem);
        }
        var row = new AlertSubscriptionRow
        {
            Id = Guid.CreateVersion7(), TenantId = tenantId, Channel = request.Channel, Target = request.Target.Trim(),
            MinimumSeverity = request.MinimumSeverity ?? AlertSeverity.Warning, CreatedAt = clock.GetUtcNow(),
        };
        string? secret = null;
        if (request.Channel == AlertChannels.Webhook)
        {
            secret = string.IsNullOrEmpty(request.Secret) ? SubscriptionSecrets.Generate() : request.Secret;
            secrets.Protect(row, secret);
        }
        db.Subscriptions.Add(row);
        await db.SaveChangesAsync(ct);
        return Results.Created($"/alerts/subscriptions/{row.Id}", new CreatedAlertSubscriptionResponse(Describe(row), secret));
    }

    private static async Task<IResult> DeleteAsync(AlertDbContext db, string tenantId, Guid id, CancellationToken ct) =>
        await db.Subscriptions.Where(s => s.Id == id && s.TenantId == tenantId).ExecuteDeleteAsync(ct) > 0 ? Results.NoContent() : Results.NotFound();

    internal static string? Validate(AlertSubscriptionRequest request) => request switch
    {
        { Channel: var c } when !AlertChannels.IsKnown(c) => "channel is webhook or email",
        { MinimumSeverity: { } s } when !AlertSeverity.IsKnown(s) => "minimumSeverity is critical or warning",
        { Channel: AlertChannels.Webhook, Target: var t } when !Uri.TryCreate(t, UriKind.Absolute, out var uri)
            || uri.Scheme is not ("https" or "http") || t.Length > 2048 => "target is the webhook's absolute http(s) URL",
        { Channel: AlertChannels.Webhook, Secret: { Length: > 0 and < 16 } } => "secret is at least 16 characters",
        { Channel: AlertChannels.Email, Target: var t } when !MailAddress.TryCreate(t?.Trim(), out _) || t.Length > 320 => "target is an e-mail address",
        _ => null,
    };

    private static AlertSubscriptionResponse Describe(AlertSubscriptionRow s) => new(s.Id, s.TenantId, s.Channel, s.Target, s.MinimumSeverity, s.CreatedAt);
}
