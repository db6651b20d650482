using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WhatsAppGenesys.Contracts;

// Once everything runs, the AppHost prints where to go: the public URLs, under the Aspire dashboard's own login link
// (printed by Aspire when it starts). In tests and in publish mode there is nothing to print.
internal static class PublicUrls
{
    public static void PrintWhenStarted(this IDistributedApplicationBuilder builder)
    {
        if (builder.ExecutionContext.IsPublishMode)
        {
            return;
        }
        builder.Eventing.Subscribe<AfterResourcesCreatedEvent>((@event, _) =>
        {
            var model = @event.Services.GetRequiredService<DistributedApplicationModel>();
            string? UrlOf(string name) => model.Resources.OfType<ProjectResource>().FirstOrDefault(p => p.Name == name) is { } project
                ? project.GetEndpoint("http").Url
                : null;
            var gateway = UrlOf(ServiceNames.ApiGateway);
            List<(string What, string? Url)> rows =
            [
                ("Operator console", UrlOf(ServiceNames.AdminDashboard)),
                ("Agent workspace (sign in with Genesys)", UrlOf(ServiceNames.AgentPortal)),
                ("Agent widget (framed by Genesys Cloud)", UrlOf(ServiceNames.AgentWidget)),
                ("API gateway (webhooks, tenant API, send API, admin)", gateway),
                ("API documentation (Scalar)", gateway is null ? null : $"{gateway}/scalar"),
                ("Health of the whole system", gateway is null ? null : $"{gateway}/health"),
                ("Meta WhatsApp Cloud API simulator", UrlOf(ServiceNames.MetaSandbox) is { } meta ? $"{meta}/sandbox/info" : null),
                ("Genesys Cloud simulator", UrlOf(ServiceNames.GenesysSandbox) is { } genesys ? $"{genesys}/sandbox/info" : null),
                ("RCS Business Messaging simulator", UrlOf(ServiceNames.RcsSandbox) is { } rcs ? $"{rcs}/sandbox/info" : null),
            ];
            var logger = @event.Services.GetRequiredService<ILoggerFactory>().CreateLogger("WhatsAppGenesys");
            logger.LogInformation("WhatsAppGenesys is starting; traces, logs and metrics are in the Aspire dashboard (login link above).{NewLine}{Urls}",
                Environment.NewLine,
                string.Join(Environment.NewLine, rows.Where(r => r.Url is not null).Select(r => $"      {r.What,-55} {r.Url}")));
            return Task.CompletedTask;
        });
    }
}
