using WhatsAppGenesys.MetaSandbox.GraphApi;
using WhatsAppGenesys.MetaSandbox.Model;

namespace WhatsAppGenesys.MetaSandbox.Control;

// Injects the configured faults in front of the Graph API: added latency and/or an error in Meta's shape
// (the rule's errorCode, else the code that fits its HTTP status), with Retry-After when asked.
public sealed class FaultMiddleware(RequestDelegate next, FaultStore faults)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        if (faults.IsEmpty || path.StartsWithSegments("/sandbox") || path.StartsWithSegments("/health") || path.StartsWithSegments("/alive"))
        {
            await next(context);
            return;
        }
        var rule = faults.Match(context.Request.Method, path.Value ?? "/");
        if (rule is null)
        {
            await next(context);
            return;
        }
        if (rule.Request.LatencyMs is > 0)
        {
            await Task.Delay(rule.Request.LatencyMs.Value, context.RequestAborted);
        }
        if (rule.Request.ErrorCode is null && rule.Request.Status is null or 0)
        {
            await next(context);
            return;
        }
        var error = rule.Request.ErrorCode is { } code
            ? MetaErrors.ForCode(code, rule.Request.Status is > 0 ? rule.Request.Status : null)
            : MetaErrors.ForStatus(rule.Request.Status!.Value);
        await GraphErrorResponse.From(error, rule.Request.RetryAfterSeconds).ExecuteAsync(context);
    }
}
