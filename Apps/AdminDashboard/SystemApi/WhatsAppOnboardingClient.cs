using WhatsAppGenesys.Contracts.Tenancy;

namespace WhatsAppGenesys.AdminDashboard.SystemApi;

/// <summary>Embedded Signup's server side, done by whatsapp-api: code exchange, grant check, subscription, registration.</summary>
public sealed class WhatsAppOnboardingClient(GatewayClient gateway)
{
    public Task<EmbeddedSignupResult> CompleteEmbeddedSignupAsync(EmbeddedSignupRequest request, CancellationToken ct) =>
        gateway.PostAsync<EmbeddedSignupResult>("/api/admin/whatsapp/embedded-signup", request, ct);
}
