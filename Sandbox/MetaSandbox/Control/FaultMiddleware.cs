using WhatsAppGenesys.MetaSandbox.GraphApi;
using WhatsAppGenesys.MetaSandbox.Model;
using WhatsAppGenesys.SandboxKit.Faults;

namespace WhatsAppGenesys.MetaSandbox.Control;

// Injects the configured faults in front of the Graph API: added latency before or after handling, and/or an error in
// Meta's shape (the rule's errorCode, else the code that fits its HTTP status), with Retry-After when asked; a rule may
// pick the sends to one recipient.
public sealed class FaultMiddleware(RequestDelegate next, FaultStore<FaultRequest> faults)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        if (faults.IsEmpty || path.StartsWithSegments("/sandbox") || path.StartsWithSegments("/health") || path.StartsWithSegments("/alive"))
        {
            await next(context);
            return;
        }
        var recipient = faults.Any(r => r.To is { Length: > 0 }) ? await ReadRecipientAsync(context.Request) : null;
        var rule = faults.Match(context.Request.Method, path.Value ?? "/", r => r.Covers(recipient));
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
            if (rule.Request.ResponseLatencyMs is > 0)
            {
                await HoldResponseAsync(context, rule.Request.ResponseLatencyMs.Value);
                return;
            }
            await next(context);
            return;
        }
        var error = rule.Request.ErrorCode is { } code
            ? MetaErrors.ForCode(code, rule.Request.Status is > 0 ? rule.Request.Status : null)
            : MetaErrors.ForStatus(rule.Request.Status!.Value);
        await GraphErrorResponse.From(error, rule.Request.RetryAfterSeconds).ExecuteAsync(context);
    }

    // The request is handled in full (a send accepted, its statuses scheduled); only its answer waits.
    private async Task HoldResponseAsync(HttpContext context, int delayMs)
    {
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }
        await Task.Delay(delayMs, context.RequestAborted);
        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    }

    // The "to" of a JSON send, read without consuming the body the endpoint reads next.
    private static async Task<string?> ReadRecipientAsync(HttpRequest request)
    {
        if (!HttpMethods.IsPost(request.Method) || !request.HasJsonContentType())
        {
            return null;
        }
        request.EnableBuffering();
        try
        {
            using var body = await System.Text.Json.JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
            return body.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object
                && body.RootElement.TryGetProperty("to", out var to) && to.ValueKind == System.Text.Json.JsonValueKind.String
                ? to.GetString()
                : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
        finally
        {
            request.Body.Position = 0;
        }
    }
}
