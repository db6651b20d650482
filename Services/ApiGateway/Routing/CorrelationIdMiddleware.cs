using System.Diagnostics;
using System.Text.RegularExpressions;

namespace WhatsAppGenesys.ApiGateway.Routing;

/// <summary>
/// Every request gets an <c>X-Correlation-ID</c>: the client's, if it is a sane token, else a new one (the trace id,
/// so logs, traces and support tickets meet). It is echoed on the response, forwarded to the service and put in the
/// log scope and on the request's span.
/// </summary>
public sealed partial class CorrelationIdMiddleware(RequestDelegate next, ILogger<CorrelationIdMiddleware> logger)
{
    public const string HeaderName = "X-Correlation-ID";

    public async Task InvokeAsync(HttpContext context)
    {
        var presented = context.Request.Headers[HeaderName].ToString();
        var correlationId = SafeToken().IsMatch(presented)
            ? presented
            : Activity.Current?.TraceId.ToHexString() ?? Guid.NewGuid().ToString("N");

        // Replaces a missing or unusable value, so the service behind sees the same id the client gets back.
        context.Request.Headers[HeaderName] = correlationId;
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[HeaderName] = correlationId;
            return Task.CompletedTask;
        });
        Activity.Current?.SetTag("correlation.id", correlationId);

        using (logger.BeginScope(new Dictionary<string, object> { ["CorrelationId"] = correlationId }))
        {
            await next(context);
        }
    }

    // Client-chosen values end up in logs and headers downstream: bounded length, no spaces or control characters.
    [GeneratedRegex("^[A-Za-z0-9._:-]{1,128}$", RegexOptions.CultureInvariant)]
    private static partial Regex SafeToken();
}
