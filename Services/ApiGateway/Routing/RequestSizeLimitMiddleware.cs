using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Model;

namespace WhatsAppGenesys.ApiGateway.Routing;

/// <summary>
/// Refuses bodies over <see cref="GatewayOptions.MaxRequestBodyBytes"/> (<see cref="GatewayOptions.MaxUploadBodyBytes"/>
/// on upload routes) with 413: at once when Content-Length says so, and through Kestrel's body limit when a chunked
/// body grows past it while it is being forwarded.
/// </summary>
public sealed class RequestSizeLimitMiddleware(RequestDelegate next, IOptions<GatewayOptions> options)
{
    public Task InvokeAsync(HttpContext context)
    {
        var routeId = context.GetEndpoint()?.Metadata.GetMetadata<RouteModel>()?.Config.RouteId;
        var limit = routeId is not null && GatewayRoutes.Find(routeId) is { Upload: true }
            ? options.Value.MaxUploadBodyBytes
            : options.Value.MaxRequestBodyBytes;
        if (context.Request.ContentLength > limit)
        {
            return Results.Problem(
                statusCode: StatusCodes.Status413PayloadTooLarge,
                title: "Payload Too Large",
                detail: $"Request bodies are limited to {limit} bytes.").ExecuteAsync(context);
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit;
        }
        return next(context);
    }
}
