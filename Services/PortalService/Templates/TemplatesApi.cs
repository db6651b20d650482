using WhatsAppGenesys.Clients.Tenancy;
using WhatsAppGenesys.Contracts.Meta;

namespace WhatsAppGenesys.PortalService.Templates;

/// <summary><c>/api/v1/portal/templates</c>: the calling tenant's WhatsApp message templates, kept in step with Meta.</summary>
public static class TemplatesApi
{
    public static IEndpointRouteBuilder MapTemplatesApi(this IEndpointRouteBuilder app)
    {
        var templates = app.MapGroup("/api/v1/portal/templates").RequireTenantHeader().WithTags("Templates");

        templates.MapPost("/sync", async (int? pageSize, HttpContext http, ITenantDirectory tenants, TemplateSync sync, CancellationToken ct) =>
        {
            if (pageSize is < 1 or > 1000)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["pageSize"] = ["Between 1 and 1000."] }, title: "The request is not valid");
            }
            if (await TenantWaba.FindAsync(tenants, http.TenantId(), ct) is not { } waba)
            {
                return TenantWaba.NotConfigured();
            }
            var (report, failure) = await sync.SyncAsync(waba, pageSize ?? GraphTemplatesClient.PageSize, ct);
            return report is not null ? Results.Ok(report) : failure!.ToProblem();
        })
            .WithSummary("Reads every page of the tenant's templates from Meta, stores them and removes those Meta no longer lists")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

        templates.MapGet("", async (string? status, string? language, string? name, HttpContext http, TemplateStore store, CancellationToken ct) =>
            Results.Ok((await store.ListAsync(http.TenantId(), status, language, name, ct)).Select(TemplateView.Of).ToList()))
            .WithSummary("Lists the tenant's stored templates by name and language; status (comma-separated), language and part of the name filter");

        templates.MapGet("/{name}/{language}", async (string name, string language, HttpContext http, TemplateStore store, CancellationToken ct) =>
            await store.FindAsync(http.TenantId(), name, language, ct) is { } template ? Results.Ok(TemplateView.Of(template)) : NotFound(name, language))
            .WithSummary("One template: a name in one language")
            .ProducesProblem(StatusCodes.Status404NotFound);

        templates.MapPost("", async (CreateTemplateRequest request, HttpContext http, ITenantDirectory tenants, GraphTemplatesClient graph,
            TemplateStore store, CancellationToken ct) =>
        {
            if (TemplateRules.ValidateCreate(request) is { Count: > 0 } errors)
            {
                return Results.ValidationProblem(errors, title: "The template is not valid");
            }
            if (await TenantWaba.FindAsync(tenants, http.TenantId(), ct) is not { } waba)
            {
                return TenantWaba.NotConfigured();
            }
            var definition = new MetaCreateTemplateRequest
            {
                Name = request.Name!,
                Language = request.Language!,
                Category = request.Category!.ToUpperInvariant(),
                ParameterFormat = request.ParameterFormat?.ToUpperInvariant(),
                Components = request.Components!,
            };
            var created = await graph.CreateAsync(waba, definition, ct);
            if (created.Value is not { } answer)
            {
                return created.Failure!.ToProblem();
            }
            var row = await store.SaveCreatedAsync(waba.TenantId, new MetaMessageTemplate
            {
                Id = answer.Id, Name = definition.Name, Language = definition.Language, Status = answer.Status,
                Category = answer.Category, ParameterFormat = definition.ParameterFormat, Components = definition.Components,
            }, ct);
            return Results.Created($"/api/v1/portal/templates/{row.Name}/{row.Language}", TemplateView.Of(row));
        })
            .WithSummary("Creates the template at Meta with the tenant's token and stores it (PENDING until Meta's review says otherwise)")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

        templates.MapDelete("/{name}", async (string name, HttpContext http, ITenantDirectory tenants, GraphTemplatesClient graph,
            TemplateStore store, CancellationToken ct) =>
        {
            var tenantId = http.TenantId();
            // Only names the tenant holds: a key never deletes at Meta what its tenant does not know.
            if (!await store.HasNameAsync(tenantId, name, ct))
            {
                return NotFound(name, null);
            }
            if (await TenantWaba.FindAsync(tenants, tenantId, ct) is not { } waba)
            {
                return TenantWaba.NotConfigured();
            }
            var deleted = await graph.DeleteAsync(waba, name, ct);
            // Meta no longer knowing the name (deleted in its console) is what we wanted as well.
            if (deleted.Failure is { } failure && !(failure.HttpStatus == 400 && failure.Code == 100))
            {
                return failure.ToProblem();
            }
            await store.DeleteAsync(tenantId, name, ct);
            return Results.NoContent();
        })
            .WithSummary("Deletes every language of the template at Meta, then here")
            .ProducesProblem(StatusCodes.Status404NotFound);

        templates.MapPost("/validate", async (ValidateTemplateRequest request, HttpContext http, TemplateValidator validator, CancellationToken ct) =>
        {
            var errors = new Dictionary<string, string[]>();
            if (!TemplateRules.IsName(request.Name))
            {
                errors["name"] = ["A template name: lower-case letters, digits and underscores."];
            }
            if (!TemplateRules.IsLanguage(request.Language))
            {
                errors["language"] = ["A language code such as en or en_US."];
            }
            if (errors.Count > 0)
            {
                return Results.ValidationProblem(errors, title: "The request is not valid");
            }
            var problems = await validator.ValidateAsync(http.TenantId(), request.Name!, request.Language!, request.Components ?? [], ct);
            return problems.Count == 0
                ? Results.Ok(new TemplateValidation(true))
                : Results.ValidationProblem(problems, statusCode: StatusCodes.Status422UnprocessableEntity, title: "The template cannot be sent with these parameters");
        })
            .WithSummary("Checks that a send of the template with these parameters would be accepted: it exists, is APPROVED in that language and the parameters fit")
            .Produces<TemplateValidation>()
            .ProducesValidationProblem()
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

        return app;
    }

    private static IResult NotFound(string name, string? language) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such template",
            detail: language is null ? $"The tenant has no template '{name}'." : $"The tenant has no template '{name}' in {language}.");
}

/// <summary>The answer of a validation that found nothing wrong.</summary>
public sealed record TemplateValidation(bool Valid);
