using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using WhatsAppGenesys.ApiGateway.Routing;

namespace WhatsAppGenesys.ApiGateway.OpenApi;

/// <summary>
/// A service's OpenAPI document as a client of the gateway sees it: fetched from the service's
/// <c>/openapi/v1.json</c>, cut down to the paths the gateway routes (no internal endpoints), addressed at the gateway
/// and with the gateway's API-key security. Kept for a minute: documents change only with a deployment.
/// </summary>
public sealed class ServiceOpenApiDocuments(IHttpClientFactory httpClientFactory, TimeProvider clock, ILogger<ServiceOpenApiDocuments> logger)
{
    public const string HttpClientName = "openapi";
    private static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, (JsonObject Document, DateTimeOffset ExpiresAt)> _cache = new();

    /// <summary>The public document of <paramref name="service"/>, or null when the service publishes none.</summary>
    public async Task<JsonObject?> GetAsync(string service, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (_cache.TryGetValue(service, out var cached) && cached.ExpiresAt > now)
        {
            return cached.Document;
        }

        using var response = await httpClientFactory.CreateClient(HttpClientName).GetAsync($"http://{service}/openapi/v1.json", cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            logger.LogInformation("{Service} publishes no OpenAPI document", service);
            return null;
        }
        response.EnsureSuccessStatusCode();
        var source = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken)) as JsonObject
            ?? throw new InvalidOperationException($"{service} answered /openapi/v1.json with something other than a JSON object.");

        var document = Publicise(source, [.. GatewayRoutes.All.Where(r => r.Service == service)]);
        _cache[service] = (document, now + CacheFor);
        return document;
    }

    private static JsonObject Publicise(JsonObject document, IReadOnlyList<GatewayRoute> routes)
    {
        if (document["paths"] is JsonObject paths)
        {
            foreach (var path in paths.Select(p => p.Key).ToList().Where(path => !routes.Any(r => r.Covers(path))))
            {
                paths.Remove(path);
            }
        }

        // "Try it" goes through the gateway; the service's own address is internal.
        document["servers"] = new JsonArray(new JsonObject { ["url"] = "/" });

        if (routes.Any(r => r.Access != RouteAccess.Provider))
        {
            var components = document["components"] as JsonObject ?? [];
            document["components"] = components;
            components["securitySchemes"] = new JsonObject
            {
                ["ApiKey"] = new JsonObject
                {
                    ["type"] = "apiKey",
                    ["in"] = "header",
                    ["name"] = "X-Api-Key",
                    ["description"] = "A tenant API key (POST /api/tenants/{tenantId}/api-keys) or the operator key.",
                },
                ["Bearer"] = new JsonObject { ["type"] = "http", ["scheme"] = "bearer", ["description"] = "The same key as a bearer token." },
            };
            document["security"] = new JsonArray(new JsonObject { ["ApiKey"] = new JsonArray() }, new JsonObject { ["Bearer"] = new JsonArray() });
        }
        return document;
    }
}
