using Microsoft.Extensions.DependencyInjection.Extensions;
using WhatsAppGenesys.GenesysSandbox.Agent;
using WhatsAppGenesys.GenesysSandbox.Agentless;
using WhatsAppGenesys.GenesysSandbox.Control;
using WhatsAppGenesys.GenesysSandbox.Conversations;
using WhatsAppGenesys.GenesysSandbox.Desktop;
using WhatsAppGenesys.GenesysSandbox.Integrations;
using WhatsAppGenesys.GenesysSandbox.Http;
using WhatsAppGenesys.GenesysSandbox.Model;
using WhatsAppGenesys.GenesysSandbox.OAuth;
using WhatsAppGenesys.GenesysSandbox.OpenMessaging;
using WhatsAppGenesys.GenesysSandbox.Users;
using WhatsAppGenesys.GenesysSandbox.Webhooks;

namespace WhatsAppGenesys.GenesysSandbox;

public static class Extensions
{
    public static IHostApplicationBuilder AddGenesysSandbox(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<GenesysSandboxOptions>().BindConfiguration(GenesysSandboxOptions.SectionName);
        // TryAdd so tests can put a clock of their own in.
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.ConfigureHttpJsonOptions(options => SandboxJson.Configure(options.SerializerOptions));

        builder.Services.AddSingleton<OrganizationDirectory>();
        builder.Services.AddSingleton<IntegrationRegistry>();
        builder.Services.AddSingleton<LoginClientRegistry>();
        builder.Services.AddSingleton<AuthorizationCodeStore>();
        builder.Services.AddSingleton<LoginSessionStore>();
        builder.Services.AddSingleton<TokenStore>();
        builder.Services.AddSingleton<TokenRateLimiter>();
        builder.Services.AddSingleton<ConversationStore>();
        builder.Services.AddSingleton<InboundFeed>();
        builder.Services.AddSingleton<DownloadStore>();
        builder.Services.AddSingleton<SandboxSettings>();
        builder.Services.AddSingleton<SandboxCounters>();
        builder.Services.AddSingleton<FaultRegistry>();
        builder.Services.AddSingleton<InboundService>();
        builder.Services.AddSingleton<AttachmentFetcher>();
        builder.Services.AddSingleton<OutboundMessageSender>();
        builder.Services.AddSingleton<AgentMessageService>();
        builder.Services.AddSingleton<AgentlessMessageService>();
        builder.Services.AddSingleton<WebhookSender>();
        builder.Services.AddSingleton<WebhookDispatcher>();
        builder.Services.AddSingleton<SimulatorHttpClient>();
        return builder;
    }

    /// <summary>Middleware every Genesys response goes through: correlation id first, then injected faults.</summary>
    public static WebApplication UseGenesysSandbox(this WebApplication app)
    {
        app.UseGenesysCorrelationId();
        app.UseGenesysFaults();
        return app;
    }

    public static WebApplication MapGenesysSandbox(this WebApplication app)
    {
        app.MapOAuthEndpoints();
        app.MapAuthorizeEndpoints();
        app.MapUsersApiEndpoints();
        app.MapOpenMessagingEndpoints();
        app.MapConversationsApiEndpoints();
        app.MapAgentlessEndpoints();
        app.MapIntegrationsApiEndpoints();
        app.MapAgentEndpoints();
        app.MapConversationEndpoints();
        app.MapControlEndpoints();
        app.MapOrganizationEndpoints();
        app.MapLoginClientEndpoints();
        app.MapInteractionWindowEndpoints();
        return app;
    }
}
