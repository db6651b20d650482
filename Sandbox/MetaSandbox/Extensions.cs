using WhatsAppGenesys.SandboxKit.Faults;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WhatsAppGenesys.MetaSandbox;
using WhatsAppGenesys.MetaSandbox.Control;
using WhatsAppGenesys.MetaSandbox.EmbeddedSignup;
using WhatsAppGenesys.MetaSandbox.GraphApi;
using WhatsAppGenesys.MetaSandbox.Limits;
using WhatsAppGenesys.MetaSandbox.Media;
using WhatsAppGenesys.MetaSandbox.Model;
using WhatsAppGenesys.MetaSandbox.Templates;
using WhatsAppGenesys.MetaSandbox.Webhooks;

namespace Microsoft.Extensions.Hosting;

public static class MetaSandboxExtensions
{
    public static IHostApplicationBuilder AddMetaSandbox(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<MetaSandboxOptions>().BindConfiguration(MetaSandboxOptions.SectionName);
        builder.Services.TryAddSingleton(TimeProvider.System);

        builder.Services.AddSingleton<BusinessRegistry>();
        builder.Services.AddSingleton<CustomerStore>();
        builder.Services.AddSingleton<SandboxSettings>();
        builder.Services.AddSingleton<SandboxCounters>();
        builder.Services.AddSingleton<ThroughputLimiter>();
        builder.Services.AddSingleton<MediaStore>();
        builder.Services.AddSingleton<MediaLinkProbe>();
        builder.Services.AddSingleton<WebhookSender>();
        builder.Services.AddSingleton<WebhookDispatcher>();
        builder.Services.AddSingleton<StatusPublisher>();
        builder.Services.AddSingleton<InboundMessageFactory>();
        builder.Services.AddFaultStore<FaultRequest>();
        builder.Services.AddSingleton<TemplateStore>();
        builder.Services.AddSingleton<TemplateSettings>();
        builder.Services.AddSingleton<TemplateStatusNotifier>();
        builder.Services.AddSingleton<TemplateReviewer>();
        builder.Services.AddSingleton<TemplateSendValidator>();
        builder.Services.AddSingleton<LimitSettings>();
        builder.Services.AddSingleton<SpamStrikes>();
        builder.Services.AddSingleton<PairRateLimiter>();
        builder.Services.AddSingleton<MessagingLimitTracker>();
        builder.Services.AddSingleton<SendLimits>();
        builder.Services.AddSingleton<SignupStore>();
        builder.Services.AddSingleton<OnboardingRecords>();

        // Control API JSON: camelCase, enums as strings, emoji left as they are.
        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.Encoder = MinimalJsonEncoder.Instance;
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        });

        // Document uploads go up to 100 MB, above Kestrel's 30 MB default.
        builder.Services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(kestrel =>
            kestrel.Limits.MaxRequestBodySize = 110L * 1024 * 1024);
        builder.Services.Configure<Microsoft.AspNetCore.Http.Features.FormOptions>(form =>
            form.MultipartBodyLengthLimit = 110L * 1024 * 1024);
        return builder;
    }

    public static WebApplication MapMetaSandbox(this WebApplication app)
    {
        app.UseMiddleware<FaultMiddleware>();
        app.MapGraphApi();
        app.MapSandboxApi();
        return app;
    }
}
