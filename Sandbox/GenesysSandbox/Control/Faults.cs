using System.Text.Json;
using System.Text.RegularExpressions;
using WhatsAppGenesys.GenesysSandbox.Http;
using WhatsAppGenesys.GenesysSandbox.Model;
using WhatsAppGenesys.GenesysSandbox.OpenMessaging;

namespace WhatsAppGenesys.GenesysSandbox.Control;

/// <summary>
/// A fault rule (POST /sandbox/faults). <c>path</c> is a glob where * matches anything (slashes included) and ? one
/// character; without a path the rule covers the whole Genesys surface (/oauth/token and /api/v2/...). <c>status</c>
/// absent or 0 = only add <c>latencyMs</c>. <c>count</c> absent = until cleared or <c>durationSeconds</c> elapses.
/// <c>errorCode</c> overrides the ErrorBody code (default: the code Genesys uses for the status).
/// </summary>
public sealed record FaultRuleRequest(
    string? Path,
    string? Method,
    int? Status,
    int? Count,
    double? DurationSeconds,
    int? LatencyMs,
    int? RetryAfterSeconds,
    JsonElement? ErrorCode,
    string? Message);

public sealed class FaultRule
{
    private int _remaining;
    private long _hits;

    public required Guid Id { get; init; }
    public string? Path { get; init; }
    public string? Method { get; init; }
    public int Status { get; init; }
    public int? Count { get; init; }
    public DateTimeOffset? ExpiresAt { get; init; }
    public int LatencyMs { get; init; }
    public int? RetryAfterSeconds { get; init; }
    public string? ErrorCode { get; init; }
    public string? Message { get; init; }
    public long Hits => Interlocked.Read(ref _hits);
    internal Regex? Matcher { get; init; }

    internal void Arm() => _remaining = Count ?? -1;

    /// <summary>Takes one use of the rule; false once a counted rule is used up.</summary>
    internal bool TryConsume()
    {
        if (Count is not null && Interlocked.Decrement(ref _remaining) < 0)
        {
            return false;
        }
        Interlocked.Increment(ref _hits);
        return true;
    }

    internal bool Exhausted => Count is not null && Volatile.Read(ref _remaining) <= 0;
}

public sealed class FaultRegistry(TimeProvider time)
{
    private readonly Lock _gate = new();
    private List<FaultRule> _rules = [];

    public FaultRule Add(FaultRuleRequest request)
    {
        var rule = new FaultRule
        {
            Id = Guid.NewGuid(),
            Path = request.Path,
            Method = request.Method?.ToUpperInvariant(),
            Status = request.Status ?? 0,
            Count = request.Count,
            ExpiresAt = request.DurationSeconds is { } seconds ? time.GetUtcNow().AddSeconds(seconds) : null,
            LatencyMs = Math.Max(0, request.LatencyMs ?? 0),
            RetryAfterSeconds = request.RetryAfterSeconds,
            ErrorCode = request.ErrorCode is { ValueKind: not JsonValueKind.Null and not JsonValueKind.Undefined } code
                ? (code.ValueKind == JsonValueKind.String ? code.GetString() : code.GetRawText())
                : null,
            Message = request.Message,
            Matcher = request.Path is { Length: > 0 } glob ? Glob(glob) : null,
        };
        rule.Arm();
        lock (_gate)
        {
            _rules = [.. _rules, rule];
        }
        return rule;
    }

    public IReadOnlyList<FaultRule> Rules() => _rules;

    /// <returns>Whether a rule with that id was there.</returns>
    public bool Remove(Guid id)
    {
        lock (_gate)
        {
            var kept = _rules.Where(r => r.Id != id).ToList();
            var removed = kept.Count != _rules.Count;
            _rules = kept;
            return removed;
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _rules = [];
        }
    }

    /// <summary>The first live rule for the request, consuming one use of it.</summary>
    public FaultRule? Match(string path, string method)
    {
        var rules = _rules;
        if (rules.Count == 0)
        {
            return null;
        }

        var now = time.GetUtcNow();
        foreach (var rule in rules)
        {
            if ((rule.ExpiresAt is { } expiresAt && now >= expiresAt) || rule.Exhausted)
            {
                continue;
            }
            if (rule.Method is not null && rule.Method != method)
            {
                continue;
            }
            var matches = rule.Matcher?.IsMatch(path) ?? IsGenesysSurface(path);
            if (matches && rule.TryConsume())
            {
                return rule;
            }
        }
        return null;
    }

    public static bool IsGenesysSurface(string path) =>
        path.StartsWith("/api/v2/", StringComparison.OrdinalIgnoreCase) ||
        path.Equals("/oauth/token", StringComparison.OrdinalIgnoreCase);

    private static Regex Glob(string glob) =>
        new("^" + Regex.Escape(glob).Replace(@"\*", ".*", StringComparison.Ordinal).Replace(@"\?", ".", StringComparison.Ordinal) + "$",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
}

public static class FaultMiddleware
{
    /// <summary>Applies fault rules before the endpoints run. The control API and health checks are never faulted.</summary>
    public static IApplicationBuilder UseGenesysFaults(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var path = context.Request.Path.Value ?? string.Empty;
            if (path.StartsWith("/sandbox", StringComparison.OrdinalIgnoreCase) ||
                path.StartsWith(Microsoft.Extensions.Hosting.Extensions.HealthEndpointPath, StringComparison.OrdinalIgnoreCase) ||
                path.StartsWith(Microsoft.Extensions.Hosting.Extensions.AlivenessEndpointPath, StringComparison.OrdinalIgnoreCase))
            {
                await next(context);
                return;
            }

            var services = context.RequestServices;
            var rule = services.GetRequiredService<FaultRegistry>().Match(path, context.Request.Method);
            if (rule is null)
            {
                await next(context);
                return;
            }

            services.GetRequiredService<SandboxCounters>().FaultInjected();
            if (rule.LatencyMs > 0)
            {
                await Task.Delay(rule.LatencyMs, context.RequestAborted);
            }
            if (rule.Status <= 0)
            {
                await next(context);
                return;
            }

            await Answer(context, rule, services.GetRequiredService<SandboxSettings>()).ExecuteAsync(context);
        });

    private static IResult Answer(HttpContext context, FaultRule rule, SandboxSettings settings)
    {
        if (rule.Status == 429)
        {
            var limited = GenesysErrors.TooManyRequestsBody(context, settings.RequestsPerMinute, TokenRateLimiter.WindowSeconds);
            var body429 = limited with
            {
                Code = rule.ErrorCode ?? limited.Code,
                Message = rule.Message ?? limited.Message,
                MessageWithParams = rule.Message ?? limited.MessageWithParams,
            };
            return GenesysErrors.Result(body429, rule.RetryAfterSeconds ?? 1);
        }

        var (code, message) = GenesysErrors.ForStatus(rule.Status);
        var body = GenesysErrors.Body(context, rule.Status, rule.ErrorCode ?? code, rule.Message ?? message);
        return GenesysErrors.Result(body, rule.RetryAfterSeconds);
    }
}
