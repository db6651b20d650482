using StackExchange.Redis;
using WhatsAppGenesys.AuthService.Agents;
using WhatsAppGenesys.AuthService.ConnectionTest;
using WhatsAppGenesys.AuthService.Credentials;
using WhatsAppGenesys.AuthService.Tokens;
using WhatsAppGenesys.Clients.Providers;
using WhatsAppGenesys.Contracts;

namespace WhatsAppGenesys.AuthService;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddRedisConnection(ResourceNames.Redis);

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddOptions<TokenCacheOptions>().BindConfiguration(TokenCacheOptions.SectionName);
        builder.Services.AddOptions<GenesysOptions>().BindConfiguration(GenesysOptions.SectionName);

        builder.Services.AddHttpClient<TenantCredentialsClient>(http => http.BaseAddress = new($"http://{ServiceNames.TenantService}"));

        // The token exchange gets no automatic retries: a retried POST /oauth/token is a second exchange, and the
        // exchange lock only covers one call of bounded length.
        var genesysTimeout = builder.Configuration.GetValue<TimeSpan?>($"{GenesysOptions.SectionName}:{nameof(GenesysOptions.TokenRequestTimeout)}")
            ?? new GenesysOptions().TokenRequestTimeout;
#pragma warning disable EXTEXP0001 // experimental, but the supported way to opt one client out of ServiceDefaults' handler
        builder.Services.AddHttpClient(GenesysLogin.HttpClientName, http => http.Timeout = genesysTimeout)
            .RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001

        builder.Services.AddSingleton<GenesysLogin>();
        builder.Services.AddSingleton<GenesysTokenSource>();
        builder.Services.AddSingleton<GenesysConnectionTest>();
        builder.Services.AddSingleton<WhatsAppTokenSource>();
        builder.AddRcsTokens();
        builder.Services.AddSingleton(typeof(DistributedTokenCache<>));
        builder.Services.AddSingleton<TokenErrorLog>();
        builder.AddAgentSignIn();

        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi();
    }

    /// <summary>RCS provider tokens: refresh token first, client credentials when it is missing or refused.</summary>
    private static void AddRcsTokens(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RcsProviderOptions>().BindConfiguration(RcsProviderOptions.SectionName);
        var timeout = builder.Configuration.GetValue<TimeSpan?>($"{RcsProviderOptions.SectionName}:{nameof(RcsProviderOptions.TokenRequestTimeout)}")
            ?? new RcsProviderOptions().TokenRequestTimeout;
        // No automatic retries, as for Genesys: a retried refresh presents a spent refresh token, which the provider
        // answers by revoking the whole token family.
#pragma warning disable EXTEXP0001 // experimental, but the supported way to opt one client out of ServiceDefaults' handler
        builder.Services.AddHttpClient(RcsLogin.HttpClientName, http => http.Timeout = timeout).RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        builder.Services.AddSingleton<RcsLogin>();
        builder.Services.AddSingleton<RcsTokenSource>();
    }

    /// <summary>Agent sign-in with Genesys (authorization code with PKCE) and the user lookups of role sync.</summary>
    private static void AddAgentSignIn(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AgentSignInOptions>().BindConfiguration(AgentSignInOptions.SectionName);
        // Reads only (users/me, users/{id}, organizations/me): the standard resilience handler may retry them.
        builder.Services.AddHttpClient(GenesysUsers.HttpClientName);
        builder.Services.AddSingleton<GenesysUsers>();
        builder.Services.AddSingleton<AgentSignIn>();
    }

    public static WebApplication MapApplicationEndpoints(this WebApplication app)
    {
        // Connect to Redis before the first request: a cold burst must not queue up behind a lazy connect.
        _ = app.Services.GetRequiredService<IConnectionMultiplexer>();
        app.UseExceptionHandler();
        app.MapOpenApi();
        app.MapAuthApi();
        app.MapConnectionTestApi();
        app.MapTokenErrorsApi();
        app.MapAgentSignInApi();
        return app;
    }
}
