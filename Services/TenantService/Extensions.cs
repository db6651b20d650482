using Microsoft.AspNetCore.Authentication;
using StackExchange.Redis;
using WhatsAppGenesys.Contracts;
using WhatsAppGenesys.TenantService.ApiKeys;
using WhatsAppGenesys.TenantService.Infrastructure;
using WhatsAppGenesys.TenantService.Resolution;
using WhatsAppGenesys.TenantService.Rotation;
using WhatsAppGenesys.TenantService.Security;
using WhatsAppGenesys.TenantService.Seeding;
using WhatsAppGenesys.TenantService.Tenants;

namespace WhatsAppGenesys.TenantService;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDatabase<TenantDbContext>(ResourceNames.TenantDatabase);
        builder.AddRedisConnection(ResourceNames.Redis);

        builder.Services.AddOptions<EncryptionOptions>().BindConfiguration(EncryptionOptions.SectionName);
        builder.Services.AddOptions<TenantServiceOptions>().BindConfiguration(TenantServiceOptions.SectionName);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<SecretProtector>();
        builder.Services.AddSingleton<TenantCache>();
        builder.Services.AddScoped<TenantStore>();
        builder.Services.AddScoped<TenantResolver>();
        builder.Services.AddScoped<ApiKeyService>();
        builder.Services.AddScoped<KeyRotation>();

        builder.Services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(CallerExtensions.OperatorPolicy, policy => policy.RequireRole(CallerExtensions.OperatorRole));

        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi();

        // Sandbox mode: the AppHost passes the simulators' identifiers; registered after the migrations hosted service.
        if (builder.Configuration.GetSection(DemoTenantOptions.SectionName).Exists())
        {
            builder.Services.AddOptions<DemoTenantOptions>().BindConfiguration(DemoTenantOptions.SectionName);
            builder.Services.AddHostedService<DemoTenantSeeder>();
        }
    }

    public static WebApplication MapApplicationEndpoints(this WebApplication app)
    {
        // Fail at start, with the configuration key to fix, rather than on the first secret written.
        _ = app.Services.GetRequiredService<SecretProtector>();
        // Connect to Redis before the first request: a cold burst must not queue up behind a lazy connect.
        _ = app.Services.GetRequiredService<IConnectionMultiplexer>();

        app.UseExceptionHandler();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapOpenApi();
        app.MapTenantsApi();
        app.MapInternalApi();
        return app;
    }

    /// <summary>
    /// <c>dotnet WhatsAppGenesys.TenantService.dll rotate-keys</c>: re-encrypt every secret with the active key,
    /// print the count and exit, without starting the web server.
    /// </summary>
    public static async Task<int> RunKeyRotationAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var rotation = scope.ServiceProvider.GetRequiredService<KeyRotation>();
        var protector = scope.ServiceProvider.GetRequiredService<SecretProtector>();
        var count = await rotation.RotateAsync(CancellationToken.None);
        Console.WriteLine($"Re-encrypted {count} secrets with key '{protector.ActiveKeyId}'.");
        return 0;
    }
}
