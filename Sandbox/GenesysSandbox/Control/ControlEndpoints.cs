using System.Text;
using Microsoft.Extensions.Options;
using WhatsAppGenesys.GenesysSandbox.Agent;
using WhatsAppGenesys.GenesysSandbox.Http;
using WhatsAppGenesys.GenesysSandbox.Model;
using WhatsAppGenesys.GenesysSandbox.OAuth;
using WhatsAppGenesys.GenesysSandbox.OpenMessaging;
using WhatsAppGenesys.GenesysSandbox.Webhooks;

namespace WhatsAppGenesys.GenesysSandbox.Control;

/// <summary>The sandbox control API: tenant set-up, knobs, counters, faults and raw webhooks. Never part of Genesys.</summary>
public static class ControlEndpoints
{
    // Only these documented public sandbox values are ever echoed back; any other configured secret stays hidden.
    private const string DocumentedClientSecret = "sandbox-genesys-secret";
    private const string DocumentedWebhookSecret = "sandbox-genesys-webhook-secret";

    public static IEndpointRouteBuilder MapControlEndpoints(this IEndpointRouteBuilder app)
    {
        var sandbox = app.MapGroup("/sandbox").WithTags("Sandbox");

        sandbox.MapGet("/info", Info);

        sandbox.MapGet("/integrations", (IntegrationRegistry registry) => registry.Integrations().Select(i => View(i, registry)));
        sandbox.MapGet("/integrations/{integrationId}", (string integrationId, HttpContext context, IntegrationRegistry registry) =>
            registry.TryGetIntegration(integrationId, out var integration)
                ? Results.Ok(View(integration, registry))
                : GenesysErrors.NotFound(context));
        sandbox.MapPost("/integrations", RegisterIntegration);

        sandbox.MapGet("/settings", (SandboxSettings settings) => settings.View());
        sandbox.MapPatch("/settings", PatchSettings);
        sandbox.MapGet("/rate-limit", (SandboxSettings settings) => new RateLimitRequest(settings.RequestsPerMinute));
        sandbox.MapPut("/rate-limit", (RateLimitRequest request, SandboxSettings settings) =>
        {
            settings.RequestsPerMinute = request.RequestsPerMinute;
            return new RateLimitRequest(settings.RequestsPerMinute);
        });

        sandbox.MapGet("/counters", (SandboxCounters counters) => counters.View());
        sandbox.MapGet("/counters/token-exchanges/{clientId}", (string clientId, SandboxCounters counters) =>
            new { clientId, count = counters.TokenExchanges(clientId) });
        sandbox.MapPost("/tokens/expire", (ExpireTokensRequest? request, TokenStore tokens) =>
            new { expired = tokens.ExpireNow(request?.ClientId) });
        sandbox.MapPost("/reset", Reset)
            .WithSummary("Forget conversations, tokens, authorization codes, login sessions, downloads, counters, faults and rate-limit windows " +
                "(integrations, organizations, users and login clients stay).");

        sandbox.MapGet("/faults", (FaultRegistry faults) => faults.Rules());
        sandbox.MapPost("/faults", (FaultRuleRequest rule, FaultRegistry faults) => Results.Created("/sandbox/faults", faults.Add(rule)));
        sandbox.MapDelete("/faults", (FaultRegistry faults) =>
        {
            faults.Clear();
            return Results.NoContent();
        });
        sandbox.MapDelete("/faults/{id:guid}", (Guid id, FaultRegistry faults) => faults.Remove(id) ? Results.NoContent() : Results.NotFound());

        sandbox.MapPost("/webhooks/raw", PostRawWebhook);
        return app;
    }

    private static SandboxInfo Info(HttpContext context, IOptions<GenesysSandboxOptions> options, IntegrationRegistry registry, SandboxSettings settings)
    {
        var o = options.Value;
        var webhookUrl = registry.TryGetIntegration(o.IntegrationId, out var integration) ? integration.WebhookUrl : o.WebhookUrl;
        return new SandboxInfo(
            o.RegionDomain,
            $"https://login.{o.RegionDomain}",
            $"https://api.{o.RegionDomain}",
            $"https://api-downloads.{o.RegionDomain}",
            o.PublicBaseUrl ?? $"{context.Request.Scheme}://{context.Request.Host}",
            o.IntegrationId,
            o.IntegrationName,
            o.ClientId,
            o.ClientSecret == DocumentedClientSecret ? o.ClientSecret : null,
            webhookUrl,
            o.WebhookSecret == DocumentedWebhookSecret ? o.WebhookSecret : null,
            WebhookSigner.HeaderName,
            "sha256=<base64 HMAC-SHA256 of the raw body>",
            registry.Count,
            settings.View());
    }

    private static IResult RegisterIntegration(RegisterIntegrationRequest request, HttpContext context, IntegrationRegistry registry,
        OrganizationDirectory organizations)
    {
        if (string.IsNullOrWhiteSpace(request.IntegrationId) || string.IsNullOrWhiteSpace(request.ClientId) ||
            string.IsNullOrEmpty(request.ClientSecret))
        {
            return GenesysErrors.BadRequest(context, "integrationId, clientId and clientSecret are required.");
        }
        if (request.WebhookUrl is { Length: > 0 } url &&
            (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
        {
            return GenesysErrors.BadRequest(context, "webhookUrl must be an absolute http(s) URL.");
        }

        if (request.OrganizationId is { } requestedOrganization && string.IsNullOrWhiteSpace(requestedOrganization))
        {
            return GenesysErrors.BadRequest(context, "organizationId, when given, must not be empty.");
        }

        var organizationId = request.OrganizationId
            ?? registry.FindClient(request.ClientId)?.OrganizationId
            ?? Organization.DefaultFor(request.ClientId).Id;
        var organization = organizations.Ensure(organizationId, string.IsNullOrWhiteSpace(request.OrganizationName) ? null : request.OrganizationName,
            Organization.DefaultFor(request.ClientId).Name);

        var existed = registry.TryGetIntegration(request.IntegrationId, out _);
        var integration = new Integration(request.IntegrationId, request.Name ?? "Open Messaging Integration", request.WebhookUrl,
            request.WebhookSecret, request.ClientId, request.WebhookHeaders ?? new Dictionary<string, string>());
        registry.Register(integration, new OAuthClient(request.ClientId, request.ClientSecret, request.TokenLifetimeSeconds, organization.Id));
        return existed
            ? Results.Ok(View(integration, registry))
            : Results.Created($"/sandbox/integrations/{integration.Id}", View(integration, registry));
    }

    private static SettingsView PatchSettings(SettingsPatch patch, SandboxSettings settings)
    {
        if (patch.TokenLifetimeSeconds is { } lifetime)
        {
            settings.TokenLifetimeSeconds = lifetime;
        }
        if (patch.RequestsPerMinute is { } rate)
        {
            settings.RequestsPerMinute = rate;
        }
        if (patch.WebhookTimeoutMilliseconds is { } timeout)
        {
            settings.WebhookTimeoutMilliseconds = timeout;
        }
        if (patch.WebhookRetryDelayMilliseconds is { } delay)
        {
            settings.WebhookRetryDelayMilliseconds = delay;
        }
        if (patch.WebhookMaxRetries is { } retries)
        {
            settings.WebhookMaxRetries = retries;
        }
        return settings.View();
    }

    private static IResult Reset(ConversationStore conversations, InboundFeed feed, TokenStore tokens, AuthorizationCodeStore codes,
        LoginSessionStore sessions, DownloadStore downloads, SandboxCounters counters, FaultRegistry faults, TokenRateLimiter limiter)
    {
        conversations.Clear();
        feed.Clear();
        tokens.Clear();
        codes.Clear();
        sessions.Clear();
        downloads.Clear();
        counters.Reset();
        faults.Clear();
        limiter.Clear();
        return Results.NoContent();
    }

    private static async Task<IResult> PostRawWebhook(RawWebhookRequest request, HttpContext context, IntegrationRegistry registry,
        IOptions<GenesysSandboxOptions> options, WebhookSender sender, SandboxSettings settings)
    {
        if (request.Body is null)
        {
            return GenesysErrors.BadRequest(context, "body is required.");
        }
        if (!registry.TryGetIntegration(request.IntegrationId ?? options.Value.IntegrationId, out var integration))
        {
            return GenesysErrors.NotFound(context);
        }

        var result = await sender.PostAsync(integration, Encoding.UTF8.GetBytes(request.Body), request.Signature,
            TimeSpan.FromMilliseconds(Math.Max(1, settings.WebhookTimeoutMilliseconds)), captureResponse: true, context.RequestAborted);
        return Results.Ok(new RawWebhookResult(result.HttpStatus, result.Error, result.TimedOut, result.Signature, result.ResponseBody, result.DurationMs));
    }

    private static IntegrationView View(Integration integration, IntegrationRegistry registry) => new(
        integration.Id, integration.Name, integration.WebhookUrl, !string.IsNullOrEmpty(integration.WebhookSecret),
        integration.ClientId, [.. integration.WebhookHeaders.Keys], registry.FindClient(integration.ClientId)?.OrganizationId);
}
