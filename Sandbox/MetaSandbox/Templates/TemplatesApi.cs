using System.Globalization;
using System.Text.Json;
using WhatsAppGenesys.Contracts.Meta;
using WhatsAppGenesys.MetaSandbox.GraphApi;
using WhatsAppGenesys.MetaSandbox.Model;

namespace WhatsAppGenesys.MetaSandbox.Templates;

// GET, POST and DELETE /{version}/{waba-id}/message_templates: the WhatsApp Business Management API for templates,
// with the account's own token.
public static class TemplatesApi
{
    private const int DefaultLimit = 25;
    private const int MaxLimit = 1000;

    public static RouteGroupBuilder MapTemplatesApi(this RouteGroupBuilder graph)
    {
        graph.MapGet("/{wabaId}/message_templates", List);
        graph.MapPost("/{wabaId}/message_templates", CreateAsync);
        graph.MapDelete("/{wabaId}/message_templates", Delete);
        return graph;
    }

    // Filters: name (part of the name), status and category (comma-separated lists), language. "fields" is accepted
    // and every field is returned.
    private static IResult List(string wabaId, HttpRequest request, [AsParameters] TemplateServices services)
    {
        if (GraphAuth.AuthorizeWaba(request, services.Businesses, wabaId, out _) is { } authError)
        {
            return GraphErrorResponse.From(authError);
        }
        var query = request.Query;
        var limit = DefaultLimit;
        if (query.TryGetValue("limit", out var limitText) &&
            (!int.TryParse(limitText.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
        {
            return GraphErrorResponse.From(TemplateErrors.InvalidParameter($"Param limit must be a number between 1 and {MaxLimit}."));
        }
        if (!TryCursor(query["after"].ToString(), out var after) || !TryCursor(query["before"].ToString(), out var before))
        {
            return GraphErrorResponse.From(TemplateErrors.InvalidParameter("Param after/before is not a valid cursor."));
        }
        var name = query["name"].ToString();
        var statuses = Values(query["status"]);
        var categories = Values(query["category"]);
        var language = query["language"].ToString();
        var matching = services.Store.List(wabaId)
            .Where(t => name.Length == 0 || t.Name.Contains(name, StringComparison.OrdinalIgnoreCase))
            .Where(t => statuses.Count == 0 || statuses.Contains(t.Status))
            .Where(t => categories.Count == 0 || categories.Contains(t.Definition.Category))
            .Where(t => language.Length == 0 || t.Language == language)
            .ToList();
        return Results.Json(TemplatePaging.Page(matching, limit, after, before, request), GraphJson.Options);
    }

    private static async Task<IResult> CreateAsync(string wabaId, HttpRequest request, [AsParameters] TemplateServices services)
    {
        if (GraphAuth.AuthorizeWaba(request, services.Businesses, wabaId, out _) is { } authError)
        {
            return GraphErrorResponse.From(authError);
        }
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
        }
        catch (JsonException)
        {
            return GraphErrorResponse.From(TemplateErrors.InvalidParameter("The request body could not be parsed as JSON."));
        }
        using (document)
        {
            if (TemplateDefinitionValidator.Validate(document.RootElement, out var definition) is { } invalid)
            {
                return GraphErrorResponse.From(invalid);
            }
            if (services.Store.TryAdd(wabaId, definition) is not { } template)
            {
                return GraphErrorResponse.From(TemplateErrors.AlreadyExists(definition.Language));
            }
            services.Reviewer.Schedule(template);
            return Results.Json(new MetaCreateTemplateResponse
            {
                Id = template.IdText,
                Status = template.Status,
                Category = definition.Category,
            }, GraphJson.Options);
        }
    }

    // ?name= removes the template in every language; adding &hsm_id= removes only that one.
    private static IResult Delete(string wabaId, HttpRequest request, [AsParameters] TemplateServices services)
    {
        if (GraphAuth.AuthorizeWaba(request, services.Businesses, wabaId, out _) is { } authError)
        {
            return GraphErrorResponse.From(authError);
        }
        var name = request.Query["name"].ToString();
        if (name.Length == 0)
        {
            return GraphErrorResponse.From(TemplateErrors.InvalidParameter("The parameter name is required."));
        }
        long? id = null;
        if (request.Query.TryGetValue("hsm_id", out var idText))
        {
            if (!long.TryParse(idText.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                return GraphErrorResponse.From(TemplateErrors.InvalidParameter("Param hsm_id must be a template id."));
            }
            id = parsed;
        }
        var removed = services.Store.Delete(wabaId, name, id);
        return removed.Count > 0
            ? Results.Json(new SuccessResponse(true), GraphJson.Options)
            : GraphErrorResponse.From(TemplateErrors.InvalidParameter($"Message template \"{name}\" was not found."));
    }

    private static bool TryCursor(string? cursor, out long? id)
    {
        id = null;
        if (string.IsNullOrEmpty(cursor))
        {
            return true;
        }
        if (!TemplatePaging.TryReadCursor(cursor, out var value))
        {
            return false;
        }
        id = value;
        return true;
    }

    private static HashSet<string> Values(string? commaSeparated) =>
        [.. (commaSeparated ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => s.ToUpperInvariant())];
}
