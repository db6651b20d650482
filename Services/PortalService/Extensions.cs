using Microsoft.EntityFrameworkCore;
using WhatsAppGenesys.Contracts;
using WhatsAppGenesys.PortalService.Data;
using WhatsAppGenesys.PortalService.Settings;

namespace WhatsAppGenesys.PortalService;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDatabase<PortalDbContext>(ResourceNames.PortalDatabase, options => options.UseSnakeCaseNamingConvention());
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddScoped<PortalSettingsStore>();
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi();
    }
}
