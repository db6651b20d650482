using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.HttpOverrides;
using WhatsAppGenesys.ApiGateway.Auth;
using WhatsAppGenesys.ApiGateway.Health;
using WhatsAppGenesys.ApiGateway.OpenApi;
using WhatsAppGenesys.ApiGateway.RateLimiting;
using WhatsAppGenesys.ApiGateway.Routing;
using WhatsAppGenesys.Clients.Tenancy;
using WhatsAppGenesys.Contracts;

namespace WhatsAppGenesys.ApiGateway;

internal static class Extensions
{
    public static void AddGatewayServices(this WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection(GatewayOptions.SectionName).Get<GatewayOptions>() ?? new GatewayOptions();
        builder.Services.AddOptions<GatewayOptions>().BindConfiguration(GatewayOptions.SectionName);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddProblemDetails();

        // Redis carries the tenant service's invalidations: a deactivated tenant's keys stop working at once.
        builder.AddRedisConnection(ResourceNames.Redis);

        // Destinations are service names (http://tenant-service); YARP's forwarder does not go through
        // IHttpClientFactory, so service discovery resolves them for it.
        builder.Services.AddReverseProxy()
            .LoadFromMemory(ProxyConfiguration.Routes(), ProxyConfiguration.Clusters())
            .AddTransforms(ForwardingTransforms.Apply)
            .AddServiceDiscoveryDestinationResolver();

        // Every authenticated request may wait on this call: a short timeout and the verifier's own one retry instead
        // of the default pipeline's backoff, which would hold requests for up to 30 s.
        builder.Services.AddHttpClient(ApiKeyVerifier.HttpClientName, http => http.BaseAddress = ApiKeyVerifier.TenantServiceAddress)
            .WithoutHttpRetries(TimeSpan.FromSeconds(3));
        builder.Services.AddSingleton<ApiKeyVerifier>();
        builder.Services.AddSingleton<ITenantInvalidationObserver>(sp => sp.GetRequiredService<ApiKeyVerifier>());
        builder.Services.AddHostedService<TenantInvalidationListener>();
        builder.Services.AddSingleton<OperatorKey>();
        builder.Services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorization(GatewayPolicies.Add);
        builder.Services.AddSingleton<IAuthorizationHandler, CallerRequirementHandler>();
        builder.Services.AddSingleton<IAuthorizationMiddlewareResultHandler, ProblemAuthorizationResultHandler>();

        builder.Services.AddGatewayRateLimiting();
        builder.Services.AddCors(cors => cors.AddDefaultPolicy(policy => policy
            .WithOrigins(settings.Cors.Origins)
            .AllowAnyMethod()
            .AllowAnyHeader()
            .WithExposedHeaders(CorrelationIdMiddleware.HeaderName, "Retry-After")
            .SetPreflightMaxAge(TimeSpan.FromMinutes(10))));

        // Behind a load balancer the client is the first X-Forwarded-For entry; only trusted proxies (loopback by
        // default, add yours under ForwardedHeaders) may set it, otherwise clients could pick their own rate-limit bucket.
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto);
        // Kestrel's ceiling; RequestSizeLimitMiddleware applies the configured limit per request.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = Math.Max(settings.MaxRequestBodyBytes, settings.MaxUploadBodyBytes));

        builder.AddServiceHealthAggregation();
        builder.AddGatewayOpenApi();
    }

    /// <summary>The order matters: cheap refusals (size, per-IP rate) before key lookups, the tenant limit once the tenant is known.</summary>
    public static void UseGatewayPipeline(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseMiddleware<CorrelationIdMiddleware>();
        app.UseRouting();
        app.UseCors();
        app.UseClientIpRateLimiting();
        app.UseMiddleware<RequestSizeLimitMiddleware>();
        app.UseAuthentication();
        app.UseTenantRateLimiting();
        app.UseAuthorization();
    }
}
