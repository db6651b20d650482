using WhatsAppGenesys.SandboxKit.Faults;
using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WhatsAppGenesys.RcsSandbox;
using WhatsAppGenesys.RcsSandbox.Agents;
using WhatsAppGenesys.RcsSandbox.Control;
using WhatsAppGenesys.RcsSandbox.Files;
using WhatsAppGenesys.RcsSandbox.OAuth;
using WhatsAppGenesys.RcsSandbox.Rbm;
using WhatsAppGenesys.RcsSandbox.Users;
using WhatsAppGenesys.RcsSandbox.Webhooks;

namespace Microsoft.Extensions.Hosting;

public static class RcsSandboxExtensions
{
    public static IHostApplicationBuilder AddRcsSandbox(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RcsSandboxOptions>().BindConfiguration(RcsSandboxOptions.SectionName);
        // TryAdd so tests can put a clock of their own in.
        builder.Services.TryAddSingleton(TimeProvider.System);

        builder.Services.AddSingleton<AgentRegistry>();
        builder.Services.AddSingleton<TokenStore>();
        builder.Services.AddSingleton<UserDirectory>();
        builder.Services.AddSingleton<FileStore>();
        builder.Services.AddSingleton<SandboxSettings>();
        builder.Services.AddSingleton<SandboxCounters>();
        builder.Services.AddFaultStore<FaultRequest>(FaultRequest.IsProviderSurface);
        builder.Services.AddSingleton<SendRateLimiter>();
        builder.Services.AddSingleton<ForbiddenSends>();
        builder.Services.AddSingleton<MessageLedger>();
        builder.Services.AddSingleton<WebhookSender>();
        builder.Services.AddSingleton<WebhookDispatcher>();
        builder.Services.AddSingleton<UserEventFactory>();
        builder.Services.AddSingleton<UserEventPublisher>();
        builder.Services.AddSingleton<ReceiptPublisher>();
        builder.Services.AddSingleton<UserMessageFactory>();

        // Control API JSON: camelCase, enums as their names.
        builder.Services.ConfigureHttpJsonOptions(json =>
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false)));
        return builder;
    }

    public static WebApplication MapRcsSandbox(this WebApplication app)
    {
        app.UseMiddleware<FaultMiddleware>();
        app.MapOAuthEndpoints();
        app.MapRbmApi();
        app.MapFileEndpoints();
        app.MapSandboxApi();
        return app;
    }
}
