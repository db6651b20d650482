using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WhatsAppGenesys.RcsSandbox;
using WhatsAppGenesys.RcsSandbox.Agents;
using WhatsAppGenesys.RcsSandbox.Control;
using WhatsAppGenesys.RcsSandbox.OAuth;

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
        builder.Services.AddSingleton<SandboxSettings>();
        builder.Services.AddSingleton<SandboxCounters>();

        // Control API JSON: camelCase, enums as their names.
        builder.Services.ConfigureHttpJsonOptions(json =>
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false)));
        return builder;
    }

    public static WebApplication MapRcsSandbox(this WebApplication app)
    {
        app.MapOAuthEndpoints();
        return app;
    }
}
