using Microsoft.EntityFrameworkCore;
using StackExchange.Redis;
using WhatsAppGenesys.Clients.Providers;
using WhatsAppGenesys.Messaging.Archiving;
using WhatsAppGenesys.Contracts;
using WhatsAppGenesys.Contracts.Events;
using WhatsAppGenesys.Database;
using WhatsAppGenesys.PortalService.Agents;
using WhatsAppGenesys.PortalService.Analytics;
using WhatsAppGenesys.PortalService.Audience;
using WhatsAppGenesys.PortalService.Campaigns;
using WhatsAppGenesys.PortalService.Consent;
using WhatsAppGenesys.PortalService.Contacts;
using WhatsAppGenesys.PortalService.Data;
using WhatsAppGenesys.PortalService.History;
using WhatsAppGenesys.PortalService.Import;
using WhatsAppGenesys.PortalService.Lists;
using WhatsAppGenesys.PortalService.Settings;
using WhatsAppGenesys.PortalService.Storage;
using WhatsAppGenesys.PortalService.Templates;

namespace WhatsAppGenesys.PortalService;

internal static class Extensions
{
    /// <summary>The agent hub's Redis channels start with this, apart from every other use of the Redis server.</summary>
    private const string AgentHubChannelPrefix = "whatsappgenesys-agent-hub";

    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDatabase<PortalDbContext>(ResourceNames.PortalDatabase, options => options.UseSnakeCaseNamingConvention());
        builder.AddWhatsAppApiClient();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddScoped<PortalSettingsStore>();
        builder.AddContacts();
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi();
        builder.AddConversationHistory();
        builder.AddTemplates();
        builder.AddCampaigns();
        builder.AddAnalytics();
        builder.AddStorageLifecycle();
        builder.AddAgents();
    }

    /// <summary>
    /// Agents (docs/agents.md): sign-in with Genesys through the auth service, provisioning at first sign-in,
    /// HS256 session tokens that signing out revokes, the scheduled role sync with Genesys, the conversations API
    /// and the hub that pushes the history's changes to the tenant's agents (a Redis backplane joins the replicas).
    /// </summary>
    private static void AddAgents(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AgentSessionOptions>().BindConfiguration(AgentSessionOptions.SectionName)
            .Validate(o => o.SigningKey.Length > 0, $"{AgentSessionOptions.SectionName}:SigningKey is required.").ValidateOnStart();
        builder.Services.AddHttpClient<AgentSignInClient>(http => http.BaseAddress = new($"http://{ServiceNames.AuthService}"));
        builder.Services.AddSingleton<AgentSessionTokens>();
        builder.Services.AddSingleton<AgentSessionRevocations>();
        builder.Services.AddSingleton<AgentHubConnections>();
        builder.Services.AddHostedService(services => services.GetRequiredService<AgentHubConnections>());
        builder.Services.AddScoped<AgentDirectory>();
        builder.Services.AddScoped<AgentRoleSync>();
        builder.Services.AddHostedService<AgentRoleSyncService>();
        builder.AddAgentSessionAuthentication();
        // Supervisors end conversations through genesys-api's conversation control.
        builder.AddGenesysApiClient();

        builder.Services.AddSingleton<AgentMessageMapper>();
        builder.Services.AddScoped<AgentConversations>();
        builder.Services.AddSingleton<AgentNotifications>();
        builder.Services.AddSingleton<IHistoryChangeListener>(services => services.GetRequiredService<AgentNotifications>());
        var redis = builder.Configuration.GetConnectionString(ResourceNames.Redis)
            ?? throw new InvalidOperationException($"ConnectionStrings:{ResourceNames.Redis} is required: the agent hub's backplane.");
        builder.Services.AddSignalR().AddStackExchangeRedis(redis,
            backplane => backplane.Configuration.ChannelPrefix = RedisChannel.Literal(AgentHubChannelPrefix));
    }

    /// <summary>
    /// Expiry of raw webhooks and media in S3 (docs/decisions.md, "Storage lifecycle"): S3 lifecycle rules where the
    /// server has them, else a sweeper; one replica at a time. Here because this service already reads and deletes
    /// those objects for the history, and owns the history retention that media must outlive.
    /// </summary>
    private static void AddStorageLifecycle(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<StorageLifecycleOptions>().BindConfiguration(StorageLifecycleOptions.SectionName);
        builder.Services.AddHttpClient<TenantRetentionsReader>(http => http.BaseAddress = TenantRetentionsReader.DefaultBaseAddress);
        builder.Services.AddSingleton<ArchiveHolds>();
        builder.Services.AddSingleton<IBucketLifecycleApi, MinioBucketLifecycleApi>();
        builder.Services.AddSingleton<LifecycleProbe>();
        builder.Services.AddSingleton<StorageSweeper>();
        builder.Services.AddSingleton<StorageLifecycleStatus>();
        builder.Services.AddScoped<StorageLifecycleRun>();
        builder.Services.AddHostedService<StorageLifecycleService>();
        builder.Services.AddHealthChecks().AddCheck<StorageLifecycleHealthCheck>(StorageLifecycleHealthCheck.Name, tags: ["storage"]);
    }

    /// <summary>Campaigns: the API, and the scheduler that sends them through the WhatsApp API service (docs/portal.md).</summary>
    private static void AddCampaigns(this IHostApplicationBuilder builder)
    {
        // Campaign messages get a ledger row, as direct sends do, so Meta's statuses reach their recipients.
        builder.AddStateManagerClient();
        builder.Services.AddOptions<CampaignOptions>().BindConfiguration(CampaignOptions.SectionName);
        builder.Services.AddScoped<CampaignStore>();
        builder.Services.AddScoped<CampaignCreation>();
        builder.Services.AddScoped<CampaignLease>();
        builder.Services.AddSingleton<CampaignWakeUp>();
        builder.Services.AddScoped<AudienceMaterializer>();
        builder.Services.AddScoped<CampaignMessages>();
        builder.Services.AddScoped<DirectSendTracking>();
        builder.Services.AddScoped<CampaignRunner>();
        builder.Services.AddScoped<RecipientSender>();
        builder.Services.AddScoped<CampaignResponses>();
        // Customers' messages after a campaign message count as its replies in the funnel.
        builder.Services.AddScoped<IInboundMessageObserver, CampaignReplyObserver>();
        builder.Services.AddHostedService<CampaignScheduler>();
    }

    /// <summary>Analytics: the hourly counters the history consumer adds to, their reader, and the campaign funnel's seam.</summary>
    private static void AddAnalytics(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<AnalyticsCounters>();
        builder.Services.AddScoped<ResponseTimes>();
        builder.Services.AddScoped<AnalyticsReader>();
        builder.Services.AddScoped<CampaignFunnel>();
        builder.Services.AddScoped<CampaignFunnelReader>();
    }

    /// <summary>Message templates: Meta's template endpoints with the tenant's token, the store, the validator, the status consumer.</summary>
    private static void AddTemplates(this IHostApplicationBuilder builder)
    {
        builder.AddTenantDirectory();
        builder.AddWhatsAppTokenProvider();
        builder.Services.AddOptions<MetaGraphOptions>().BindConfiguration(MetaGraphOptions.SectionName);
        builder.Services.AddHttpClient<GraphTemplatesClient>(GraphTemplatesClient.HttpClientName)
            .WithoutHttpRetries(builder.Configuration.GetSection(MetaGraphOptions.SectionName).Get<MetaGraphOptions>()?.RequestTimeout ?? new MetaGraphOptions().RequestTimeout)
            .AddWhatsAppBearerToken();
        builder.Services.AddScoped<TemplateStore>();
        builder.Services.AddScoped<TemplateSync>();
        builder.Services.AddScoped<TemplateValidator>();
        builder.Services.AddScoped<TemplateStatusRecorder>();
        builder.AddPipelineConsumer<TemplateStatusHandler, TemplateStatusChanged>(Pipelines.TemplateStatus);
    }

    /// <summary>The history: its consumer, its API's reader and erasure, media links and the retention job.</summary>
    private static void AddConversationHistory(this IHostApplicationBuilder builder)
    {
        builder.AddRedisConnection(ResourceNames.Redis);
        builder.AddRabbitMQConnection(ResourceNames.RabbitMQ);
        // Reads and deletes objects the transformers and webhooks wrote; it creates no bucket of its own.
        builder.AddMinioClient(ResourceNames.ObjectStorage);

        builder.Services.AddOptions<HistoryOptions>().BindConfiguration(HistoryOptions.SectionName);
        builder.Services.AddScoped<MessageRecorder>();
        builder.Services.AddScoped<AgentReplyAttribution>();
        builder.Services.AddScoped<StatusRecorder>();
        // Before the consumer, so it stops after the consumer has stopped handing it statuses.
        builder.Services.AddGroupCommit<ConversationMessageStatusChanged, List<StatusMove>, StatusBatchWriter>("history statuses");
        builder.Services.AddScoped<HistoryReader>();
        builder.Services.AddScoped<CustomerErasure>();
        builder.Services.AddScoped<ErasureAuditLog>();
        builder.Services.AddScoped<HistoryRetention>();
        builder.Services.AddSingleton<HistoryObjects>();
        builder.Services.AddSingleton<MediaLinks>();
        builder.Services.AddHostedService<HistoryRetentionService>();

        builder.AddPipelineConsumer<HistoryEventHandler>(Pipelines.History);
    }

    /// <summary>Contacts, lists, CSV import, consent and the audience stream campaigns read.</summary>
    private static void AddContacts(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<ContactStore>();
        builder.Services.AddScoped<ListStore>();
        builder.Services.AddScoped<ContactImporter>();
        builder.Services.AddScoped<ConsentRecorder>();
        builder.Services.AddScoped<MarketingConsent>();
        builder.Services.AddScoped<AudienceStream>();
        builder.Services.AddScoped<ConsentAcknowledgements>();
        // Opt-out and opt-in keywords in customers' messages, as the history consumer passes them on.
        builder.Services.AddScoped<IInboundMessageObserver, ConsentKeywordObserver>();
    }
}
