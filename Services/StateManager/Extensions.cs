using Microsoft.EntityFrameworkCore;
using WhatsAppGenesys.Contracts;
using WhatsAppGenesys.Contracts.State;
using WhatsAppGenesys.Database;
using WhatsAppGenesys.StateManager.Conversations;
using WhatsAppGenesys.StateManager.Data;
using WhatsAppGenesys.StateManager.Messages;

namespace WhatsAppGenesys.StateManager;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDatabase<StateDbContext>(ResourceNames.StateDatabase, options => options.UseSnakeCaseNamingConvention());
        builder.AddRedisConnection(ResourceNames.Redis);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddScoped<ConversationStore>();
        builder.Services.AddScoped<MessageLedger>();
        builder.Services.AddGroupCommit<ProviderStatusUpdate, ProviderStatusResult?, ProviderStatusBatchWriter>("ledger statuses");
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi();
    }
}
