using System.Security.Claims;
using WhatsAppGenesys.ApiGateway.Auth;
using WhatsAppGenesys.Contracts.Tenancy;
using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace WhatsAppGenesys.ApiGateway.Routing;

/// <summary>
/// What a proxied request carries besides the client's own headers: identity headers are never taken from the
/// client. The caller's tenant (X-Tenant-ID) and key (X-Api-Key) are set by the gateway only where the route says
/// so; elsewhere credentials are dropped, so no service behind the gateway sees a key it does not need.
/// </summary>
public static class ForwardingTransforms
{
    public static void Apply(TransformBuilderContext context)
    {
        var route = GatewayRoutes.Find(context.Route.RouteId);
        context.AddRequestTransform(transform =>
        {
            RequestTransform.RemoveHeader(transform, TenancyHeaders.TenantId);
            RequestTransform.RemoveHeader(transform, TenancyHeaders.ApiKey);
            RequestTransform.RemoveHeader(transform, TenancyHeaders.ApiKeyId);
            RequestTransform.RemoveHeader(transform, "Authorization");

            var caller = transform.HttpContext.User;
            if (route?.ForwardTenantId == true && caller.TenantId() is { } tenantId)
            {
                transform.ProxyRequest.Headers.TryAddWithoutValidation(TenancyHeaders.TenantId, tenantId);
                // Who acted, for audit trails (the portal's erasure log): the key's id, never the key.
                if (caller.FindFirstValue(GatewayClaims.ApiKeyIdClaim) is { } keyId)
                {
                    transform.ProxyRequest.Headers.TryAddWithoutValidation(TenancyHeaders.ApiKeyId, keyId);
                }
            }
            if (route?.ForwardApiKey == true && ApiKeyCredentials.Read(transform.HttpContext.Request) is { } apiKey)
            {
                transform.ProxyRequest.Headers.TryAddWithoutValidation(TenancyHeaders.ApiKey, apiKey);
            }
            return ValueTask.CompletedTask;
        });
    }
}
