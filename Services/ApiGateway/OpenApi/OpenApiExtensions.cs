using Scalar.AspNetCore;
using WhatsAppGenesys.ApiGateway.Routing;
using WhatsAppGenesys.Contracts;

namespace WhatsAppGenesys.ApiGateway.OpenApi;

/// <summary>
/// API documentation for everything behind the gateway: <c>/openapi/{service}.json</c> per service (see
/// <see cref="ServiceOpenApiDocuments"/>), the gateway's own at <c>/openapi/api-gateway.json</c>, and Scalar at
/// <c>/scalar</c> listing them all.
/// </summary>
public static class OpenApiExtensions
{
    private const string GatewayDocumentPath = $"/openapi/{ServiceNames.ApiGateway}.json";

    public static IHostApplicationBuilder AddGatewayOpenApi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            GatewayDocument.Describe(document);
            return Task.CompletedTask;
        }));
        // A service builds its document when asked, and the first time it also compiles the generator: on a busy
        // two-core machine that took more than 5 s. Someone opening the API reference can wait for it.
        builder.Services.AddHttpClient(ServiceOpenApiDocuments.HttpClientName).WithoutHttpRetries(TimeSpan.FromSeconds(30));
        builder.Services.AddSingleton<ServiceOpenApiDocuments>();
        return builder;
    }

    public static WebApplication MapGatewayOpenApi(this WebApplication app)
    {
        // A literal route, so it wins over the {service} one below.
        app.MapOpenApi(GatewayDocumentPath);

        app.MapGet("/openapi/{service}.json", ServiceDocumentAsync).ExcludeFromDescription();

        app.MapScalarApiReference("/scalar", options =>
        {
            options.WithTitle("WhatsApp ⇄ Genesys API");
            options.AddDocument(ServiceNames.ApiGateway, "API gateway", GatewayDocumentPath);
            foreach (var service in GatewayRoutes.Services)
            {
                options.AddDocument(service, service, $"/openapi/{service}.json");
            }
        });
        return app;
    }

    private static async Task<IResult> ServiceDocumentAsync(string service, ServiceOpenApiDocuments documents, CancellationToken ct)
    {
        if (!GatewayRoutes.Services.Contains(service))
        {
            return Results.NotFound();
        }
        try
        {
            return await documents.GetAsync(service, ct) is { } document
                ? Results.Text(document.ToJsonString(), "application/json")
                : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not Found", detail: $"{service} publishes no OpenAPI document yet.");
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !ct.IsCancellationRequested))
        {
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Service Unavailable",
                detail: $"{service} could not be asked for its OpenAPI document.");
        }
    }
}
