using Microsoft.OpenApi;

namespace WhatsAppGenesys.ApiGateway.OpenApi;

/// <summary>
/// The gateway's own document. Its endpoints are health endpoints, which ASP.NET Core does not describe, so they
/// are written out here.
/// </summary>
public static class GatewayDocument
{
    public static void Describe(OpenApiDocument document)
    {
        document.Info.Title = "API gateway";
        document.Info.Description =
            "The front door: routes, API keys (X-Api-Key or Authorization: Bearer), rate limits (429 with Retry-After), " +
            "request size limits (413) and X-Correlation-ID on every request. The services behind it have their own documents.";
        document.Paths ??= [];
        document.Paths["/health"] = Get("Health of every service behind the gateway",
            "One entry per service under `checks`: Healthy when the service's own /health answers 200, else Unhealthy, with the failing checks named.",
            ("200", "Every service is healthy."), ("503", "At least one service is unhealthy."));
        document.Paths["/alive"] = Get("The gateway's own liveness",
            "Answers 200 while the gateway process runs, whatever the services behind it do.",
            ("200", "The gateway is running."));
    }

    private static OpenApiPathItem Get(string summary, string description, params (string Status, string Description)[] responses)
    {
        var described = new OpenApiResponses();
        foreach (var (status, text) in responses)
        {
            described[status] = new OpenApiResponse
            {
                Description = text,
                Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() },
            };
        }
        return new()
        {
            Operations = new Dictionary<HttpMethod, OpenApiOperation>
            {
                [HttpMethod.Get] = new()
                {
                    Summary = summary,
                    Description = description,
                    Tags = new HashSet<OpenApiTagReference> { new("Health") },
                    Responses = described,
                },
            },
        };
    }
}
