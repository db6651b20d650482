using WhatsAppGenesys.Contracts.Tenancy;

namespace WhatsAppGenesys.AgentWidget.Framing;

/// <summary>
/// Only the tenant's Genesys Cloud may frame the widget: every response carries
/// <c>Content-Security-Policy: frame-ancestors</c> with the origin of the web app of the tenant's Genesys region, for
/// the workspace its address names (<c>?workspace=</c>, part of the URL registered in Genesys). Without a known
/// workspace it is <c>'none'</c>. The <c>gcHostOrigin</c> Genesys adds to the address is not trusted for this: anyone
/// can write it.
/// </summary>
public sealed class GenesysFramePolicy(RequestDelegate next)
{
    public const string WorkspaceParameter = "workspace";

    public async Task InvokeAsync(HttpContext context, GenesysFrameOrigins origins)
    {
        var workspace = context.Request.Query[WorkspaceParameter].ToString();
        var origin = TenantIds.IsValid(workspace) ? await origins.OriginAsync(workspace, context.RequestAborted) : null;
        context.Response.Headers.ContentSecurityPolicy = $"frame-ancestors {origin ?? "'none'"}";
        await next(context);
    }
}
