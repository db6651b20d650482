using Microsoft.EntityFrameworkCore;
using WhatsAppGenesys.Contracts;
using WhatsAppGenesys.PortalService.Audience;
using WhatsAppGenesys.PortalService.Consent;
using WhatsAppGenesys.PortalService.Contacts;
using WhatsAppGenesys.PortalService.Data;
using WhatsAppGenesys.PortalService.History;
using WhatsAppGenesys.PortalService.Import;
using WhatsAppGenesys.PortalService.Lists;
using WhatsAppGenesys.PortalService.Settings;

namespace WhatsAppGenesys.PortalService;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDatabase<PortalDbContext>(ResourceNames.PortalDatabase, options => options.UseSnakeCaseNamingConvention());
        builder.AddWhatsAppApiClient();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddScoped<PortalSettingsStore>();
        builder.AddContacts();
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi();
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
