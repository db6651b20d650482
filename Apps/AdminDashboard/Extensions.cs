using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using WhatsAppGenesys.AdminDashboard.Accounts;
using WhatsAppGenesys.AdminDashboard.Data;
using WhatsAppGenesys.AdminDashboard.Onboarding;
using WhatsAppGenesys.AdminDashboard.SystemApi;
using WhatsAppGenesys.Contracts;

namespace WhatsAppGenesys.AdminDashboard;

internal static class Extensions
{
    /// <summary>Operator accounts in the console's own database, cookie sessions, and the two roles.</summary>
    public static void AddOperatorAccounts(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDatabase<AdminDbContext>(ResourceNames.AdminDatabase, options => options.UseSnakeCaseNamingConvention());
        builder.Services.AddDataProtection()
            .SetApplicationName("whatsappgenesys-admin-dashboard")
            .PersistKeysToDbContext<AdminDbContext>();

        builder.Services.AddOptions<AccountOptions>().BindConfiguration(AccountOptions.SectionName);
        builder.Services.AddSingleton(TimeProvider.System);
        // PBKDF2 with HMAC-SHA512; 210,000 iterations is OWASP's current advice for that hash.
        builder.Services.Configure<PasswordHasherOptions>(o => o.IterationCount = 210_000);
        builder.Services.AddScoped<IPasswordHasher<OperatorAccount>, PasswordHasher<OperatorAccount>>();
        builder.Services.AddScoped<OperatorDirectory>();

        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.LoginPath = "/account/login";
                options.AccessDeniedPath = "/account/denied";
                options.Cookie.Name = "wag-console";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Strict;
                // Secure whenever the console is served over HTTPS (always, in production behind TLS).
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.ExpireTimeSpan = TimeSpan.FromHours(8);
                options.SlidingExpiration = true;
            });
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(OperatorRoles.Admin, policy => policy.RequireRole(OperatorRoles.Admin));
        builder.Services.AddCascadingAuthenticationState();
    }

    /// <summary>The system behind the console: the API gateway, called server-side with the operator key.</summary>
    public static void AddSystemApi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<GatewayOptions>().BindConfiguration(GatewayOptions.SectionName);
        var gateway = builder.Configuration.GetSection(GatewayOptions.SectionName).Get<GatewayOptions>() ?? new GatewayOptions();
        builder.Services.AddHttpClient<GatewayClient>(http =>
            {
                http.BaseAddress = gateway.BaseUrl;
                http.DefaultRequestHeaders.Add("X-Api-Key", gateway.OperatorKey);
            })
            .WithUserFacingResilience();
        builder.Services.AddScoped<TenantsClient>();
        builder.Services.AddScoped<PipelinesClient>();
        builder.Services.AddScoped<AlertsClient>();
        builder.Services.AddScoped<TenantActivityClient>();
        builder.Services.AddScoped<ArchiveReplayClient>();
        builder.Services.AddScoped<GenesysConnectionClient>();
        builder.Services.AddScoped<WhatsAppOnboardingClient>();
        builder.Services.AddOptions<EmbeddedSignupOptions>().BindConfiguration(EmbeddedSignupOptions.SectionName);
        builder.Services.AddScoped<TenantOnboarding>();
    }

    public static void AddConsoleUi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
    }

    public static void UseConsoleUi(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
            app.UseHsts();
        }
        app.UseStatusCodePagesWithReExecute("/not-found");
        app.MapStaticAssets();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
    }

    /// <summary>Sign-out is a POST with an antiforgery token, so another site cannot sign an operator out.</summary>
    public static void MapSignOut(this WebApplication app) =>
        // The [FromForm] parameter is what makes the framework validate the form's antiforgery token (minimal APIs
        // check it only for endpoints that bind form data); its value is not used, sign-out always lands on sign-in.
        app.MapPost("/account/logout", async (HttpContext context, [FromForm] string? returnUrl) =>
        {
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return TypedResults.LocalRedirect("/account/login");
        });

    public static ClaimsPrincipal Principal(OperatorAccount account) => new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, account.Id.ToString()),
            new Claim(ClaimTypes.Name, account.DisplayName),
            new Claim(ClaimTypes.Email, account.Email),
            new Claim(ClaimTypes.Role, account.Role),
        ], CookieAuthenticationDefaults.AuthenticationScheme));
}
