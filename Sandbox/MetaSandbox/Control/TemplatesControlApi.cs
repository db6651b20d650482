using WhatsAppGenesys.Contracts.Meta;
using WhatsAppGenesys.MetaSandbox.Templates;

namespace WhatsAppGenesys.MetaSandbox.Control;

// Template controls for tests: set a template's status directly (with its status webhook), and the review settings.
public static class TemplatesControlApi
{
    public static RouteGroupBuilder MapTemplatesControlApi(this RouteGroupBuilder sandbox)
    {
        sandbox.MapGet("/templates/settings", (TemplateSettings settings) => Results.Json(Describe(settings)));
        sandbox.MapPatch("/templates/settings", PatchSettings);
        sandbox.MapPost("/templates/{templateId:long}/status", SetStatus);
        return sandbox;
    }

    private static IResult SetStatus(long templateId, TemplateStatusRequest request, [AsParameters] TemplateServices services)
    {
        if (services.Store.FindById(templateId) is not { } template)
        {
            return Results.Problem($"Unknown template id {templateId}.", statusCode: StatusCodes.Status404NotFound);
        }
        var status = request.Status?.ToUpperInvariant();
        if (status is null || !MetaTemplateStatus.All.Contains(status))
        {
            return Results.Problem($"status must be one of {string.Join(", ", MetaTemplateStatus.All)}.", statusCode: StatusCodes.Status400BadRequest);
        }
        var webhookSent = services.Notifier.ChangeStatus(template, status, request.Reason);
        return Results.Json(new { template = template.ToContract(), webhookSent }, GraphApi.GraphJson.Options);
    }

    private static IResult PatchSettings(TemplateSettingsPatch patch, TemplateSettings settings)
    {
        if (patch.ReviewDelayMs is { } delay) settings.ReviewDelayMs = Math.Max(0, delay);
        if (patch.AutoReview is { } autoReview) settings.AutoReview = autoReview;
        if (patch.SendCheck is { } sendCheck) settings.SendCheck = sendCheck;
        return Results.Json(Describe(settings));
    }

    private static object Describe(TemplateSettings s) => new
    {
        reviewDelayMs = s.ReviewDelayMs,
        autoReview = s.AutoReview,
        sendCheck = s.SendCheck,
    };
}

public sealed record TemplateStatusRequest(string? Status, string? Reason);

public sealed record TemplateSettingsPatch(int? ReviewDelayMs, bool? AutoReview, TemplateSendCheck? SendCheck);
