using WhatsAppGenesys.RcsSandbox.OAuth;
using WhatsAppGenesys.RcsSandbox.Rbm;
using WhatsAppGenesys.RcsSandbox.Webhooks;
using WhatsAppGenesys.SandboxKit.Faults;

namespace WhatsAppGenesys.RcsSandbox.Control;

/// <summary>
/// /sandbox: info, run-time settings, counters, faults and reset; agents, users and webhook tools in their own files.
/// Never part of the provider's surface.
/// </summary>
public static class SandboxApi
{
    // Only these documented public sandbox values are ever echoed back; any other configured secret stays hidden.
    private const string DocumentedClientSecret = "sandbox-rcs-secret";
    private const string DocumentedWebhookSecret = "sandbox-rcs-client-token";

    public static IEndpointRouteBuilder MapSandboxApi(this IEndpointRouteBuilder app)
    {
        var sandbox = app.MapGroup("/sandbox");
        sandbox.MapGet("/info", Info);
        sandbox.MapGet("/settings", (SandboxSettings settings) => Results.Json(settings.View()));
        sandbox.MapPatch("/settings", PatchSettings);
        sandbox.MapGet("/counters", (SandboxCounters counters) => Results.Json(counters.View()));
        sandbox.MapPost("/reset", Reset);
        sandbox.MapFaultEndpoints<FaultRequest>(request => request.Status is null or 0 && request.LatencyMs is null or 0 && request.AnswerLatencyMs is null or 0
            ? "A fault needs a status, a latencyMs or an answerLatencyMs."
            : null);
        sandbox.MapAgentsControlApi();
        sandbox.MapUsersControlApi();
        sandbox.MapWebhooksControlApi();
        return app;
    }

    private static IResult Info(HttpRequest request, [AsParameters] ControlServices services)
    {
        var options = services.Options.Value;
        var agent = services.Agents.Default;
        var baseUrl = services.PublicBaseUrl(request);
        return Results.Json(new
        {
            provider = "RCS Business Messaging (Google RBM REST API v1) behind an aggregator's OAuth 2.0 token endpoint",
            baseUrl,
            tokenUrl = baseUrl + OAuthEndpoints.TokenPath,
            revokeUrl = baseUrl + OAuthEndpoints.RevokePath,
            apiBaseUrl = baseUrl + "/v1",
            agentId = agent.AgentId,
            eventAgentId = services.Events.EventAgentId(agent.AgentId),
            clientId = agent.ClientId,
            clientSecret = agent.ClientSecret == DocumentedClientSecret ? agent.ClientSecret : null,
            webhookUrl = services.Publisher.WebhookUrl(agent),
            webhookSecret = agent.WebhookSecret == DocumentedWebhookSecret ? agent.WebhookSecret : null,
            webhookFormat = services.Publisher.Format(agent),
            signatureHeader = GoogSignature.HeaderName,
            signatureScheme = "Base64(HMAC-SHA512(client token, user event JSON bytes)); with PubSub, those bytes are base64-decoded message.data",
            notCapablePrefixes = services.Users.NotCapablePrefixes,
            capabilities = CapabilitiesApi.Features,
            agents = services.Agents.Count,
            users = services.Users.Count,
            settings = services.Settings.View(),
            routes = Routes,
        });
    }

    private static readonly string[] Routes =
    [
        "POST /oauth2/token (grant_type=client_credentials | refresh_token; HTTP Basic client auth)",
        "POST /oauth2/revoke (token=…; RFC 7009)",
        "POST /v1/phones/{msisdn}/agentMessages?messageId={uuid}&agentId={agentId}",
        "POST /v1/phones/{msisdn}/agentEvents?eventId={uuid}&agentId={agentId}",
        "GET /v1/phones/{msisdn}/capabilities?requestId={uuid}&agentId={agentId}",
        "GET /files/{id}",
        "GET /sandbox/info",
        "GET|PATCH /sandbox/settings",
        "GET /sandbox/counters",
        "POST /sandbox/reset",
        "GET|POST|DELETE /sandbox/faults, DELETE /sandbox/faults/{id}",
        "GET /sandbox/agents, GET|PUT|PATCH /sandbox/agents/{agentId}",
        "POST /sandbox/agents/{agentId}/tokens/revoke | tokens/expire | tokens/forbid",
        "POST /sandbox/agents/{agentId}/forbidden-sends {count}",
        "POST /sandbox/users/{msisdn}/messages, POST /sandbox/users/{msisdn}/events",
        "GET /sandbox/users/{msisdn}, /received, /sent",
        "PUT|DELETE /sandbox/users/{msisdn}/capability",
        "POST /sandbox/webhooks/raw, POST /sandbox/webhooks/verify",
    ];

    private static IResult PatchSettings(SettingsPatch patch, SandboxSettings settings)
    {
        ReceiptProgression final = default;
        if (patch.FinalEvent is { } finalEvent && !ReceiptProgressions.TryParse(finalEvent, out final))
        {
            return ControlResults.BadRequest("finalEvent must be NONE, DELIVERED or READ.");
        }
        if (patch.AccessTokenLifetimeSeconds is <= 0 || patch.RefreshTokenLifetimeSeconds is <= 0)
        {
            return ControlResults.BadRequest("Token lifetimes must be at least 1 second.");
        }
        if (patch.MessagesPerSecond is { } mps) settings.MessagesPerSecond = mps;
        if (patch.AccessTokenLifetimeSeconds is { } access) settings.AccessTokenLifetimeSeconds = access;
        if (patch.RefreshTokenLifetimeSeconds is { } refresh) settings.RefreshTokenLifetimeSeconds = refresh;
        if (patch.DeliveredDelayMs is { } delivered) settings.DeliveredDelayMs = Math.Max(0, delivered);
        if (patch.ReadDelayMs is { } read) settings.ReadDelayMs = Math.Max(0, read);
        if (patch.FinalEvent is not null) settings.FinalEvent = final;
        if (patch.WebhookFormat is { } format) settings.WebhookFormat = format;
        if (patch.RevokeFamilyOnRefreshReuse is { } revokeFamily) settings.RevokeFamilyOnRefreshReuse = revokeFamily;
        return Results.Json(settings.View());
    }

    // Forgets tokens, users (messages, capability marks), files, used ids, rate windows, armed 403s, faults and counters.
    // Agents and settings stay: they are configuration, not history.
    private static IResult Reset([AsParameters] ControlServices services)
    {
        services.Tokens.Clear();
        services.Users.Clear();
        services.Files.Clear();
        services.Ledger.Clear();
        services.RateLimiter.Clear();
        services.Forbidden.Clear();
        services.Faults.Clear();
        services.Counters.Reset();
        return Results.NoContent();
    }
}
