using WhatsAppGenesys.RcsSandbox.OAuth;
using WhatsAppGenesys.RcsSandbox.Wire;
using WhatsAppGenesys.SandboxKit.Faults;

namespace WhatsAppGenesys.RcsSandbox.Control;

/// <summary>
/// Applies fault rules in front of the provider surface: added latency (before the request, or on its answer), and/or an error in the shape the path answers
/// in — Google's error JSON for /v1 and /files, RFC 6749's for /oauth2 (server_error, temporarily_unavailable for 503,
/// invalid_client for 401). The control API and health endpoints are never faulted.
/// </summary>
public sealed class FaultMiddleware(RequestDelegate next, FaultStore<FaultRequest> faults, SandboxCounters counters)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        if (faults.IsEmpty || path.StartsWith("/sandbox", StringComparison.OrdinalIgnoreCase) ||
            path.StartsWith(Microsoft.Extensions.Hosting.Extensions.HealthEndpointPath, StringComparison.OrdinalIgnoreCase) ||
            path.StartsWith(Microsoft.Extensions.Hosting.Extensions.AlivenessEndpointPath, StringComparison.OrdinalIgnoreCase))
        {
            await next(context);
            return;
        }
        var rule = faults.Match(context.Request.Method, path);
        if (rule is null)
        {
            await next(context);
            return;
        }
        Interlocked.Increment(ref counters.FaultsInjected);
        if (rule.Request.LatencyMs is > 0)
        {
            await Task.Delay(rule.Request.LatencyMs.Value, context.RequestAborted);
        }
        if (rule.Request.Status is not > 0)
        {
            await (rule.Request.AnswerLatencyMs is > 0 ? AnswerLateAsync(context, rule.Request.AnswerLatencyMs.Value) : next(context));
            return;
        }
        var status = rule.Request.Status.Value;
        if (path.StartsWith("/oauth2/", StringComparison.OrdinalIgnoreCase))
        {
            var error = status switch
            {
                401 => "invalid_client",
                503 => "temporarily_unavailable",
                >= 500 => "server_error",
                _ => "invalid_request",
            };
            await new OAuthError(error, rule.Request.Message ?? "Injected fault.").ToResult(status).ExecuteAsync(context);
            return;
        }
        counters.ApiRejected(status);
        await GoogleError.ForStatus(status, rule.Request.Message, rule.Request.GrpcStatus)
            .ToResult(rule.Request.RetryAfterSeconds, tokenPresented: true)
            .ExecuteAsync(context);
    }

    // The request is handled now; what it answered is held, then sent.
    private async Task AnswerLateAsync(HttpContext context, int delayMs)
    {
        var original = context.Response.Body;
        using var held = new MemoryStream();
        context.Response.Body = held;
        try
        {
            await next(context);
            await Task.Delay(delayMs, context.RequestAborted);
        }
        finally
        {
            context.Response.Body = original;
        }
        held.Position = 0;
        await held.CopyToAsync(original, context.RequestAborted);
    }
}
