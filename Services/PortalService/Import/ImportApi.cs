using System.Text;
using Microsoft.AspNetCore.Http.Features;
using WhatsAppGenesys.Clients.Tenancy;
using WhatsAppGenesys.PortalService.Contacts;
using WhatsAppGenesys.PortalService.Lists;

namespace WhatsAppGenesys.PortalService.Import;

/// <summary><c>POST /api/v1/portal/contacts/import</c>: a CSV file of contacts, read as it is uploaded.</summary>
public static class ImportApi
{
    /// <summary>Largest file accepted (Kestrel's default of 30 MB would cut a large import short).</summary>
    public const long MaxFileBytes = 512L * 1024 * 1024;

    public static IEndpointRouteBuilder MapContactImportApi(this IEndpointRouteBuilder app)
    {
        var contacts = app.MapGroup("/api/v1/portal/contacts").RequireTenantHeader().WithTags("Contacts");

        contacts.MapPost("/import", async (string? defaultCountryCode, Guid? listId, HttpContext http,
            ContactImporter importer, ListStore lists, CancellationToken ct) =>
        {
            if (http.Request.ContentType is not { } contentType || !contentType.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase))
            {
                return Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Send the file as text/csv",
                    detail: "The body is the CSV file itself: a header row (phone, bsuid, name, tags, attribute columns), then one contact per row.");
            }
            var errors = new Dictionary<string, string[]>();
            string? countryCode = null;
            if (defaultCountryCode is not null && (countryCode = PhoneNumbers.ParseCountryCode(defaultCountryCode)) is null)
            {
                errors["defaultCountryCode"] = [$"'{defaultCountryCode}' is not a country calling code."];
            }
            var tenantId = http.TenantId();
            if (listId is { } id && await lists.FindAsync(tenantId, id, ct) is not { Kind: ContactListKinds.Static })
            {
                errors["listId"] = [$"The tenant has no static list {id}."];
            }
            if (errors.Count > 0)
            {
                return Results.ValidationProblem(errors, title: "The import is not valid");
            }

            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            {
                limit.MaxRequestBodySize = MaxFileBytes;
            }
            using var csv = new StreamReader(http.Request.Body, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 16 * 1024, leaveOpen: true);
            var (report, headerErrors) = await importer.ImportAsync(tenantId, csv, new ImportOptions(countryCode, listId), ct);
            return report is null
                ? Results.ValidationProblem(headerErrors, title: "The file's header row is not usable")
                : Results.Ok(report);
        })
            .Accepts<string>("text/csv")
            .Produces<ImportReport>()
            .WithSummary("Imports contacts from a CSV file (header row; phone, bsuid, name, tags separated by ';', other columns become attributes), upserting on the normalised number")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        return app;
    }
}
