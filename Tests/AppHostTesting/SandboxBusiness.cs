using System.Net.Http.Json;

namespace WhatsAppGenesys.AppHostTesting;

/// <summary>
/// A WhatsApp Business Account of a test's (or a benchmark's) own at the Meta sandbox: one phone number, its own
/// access token, app secret and verify token, its webhooks posted to our whatsapp-webhook. Its own credentials keep
/// its traffic, limits and faults apart from every other tenant's.
/// </summary>
public sealed record SandboxBusiness(string WabaId, string PhoneNumberId, string DisplayPhoneNumber, string AccessToken, string AppSecret, string VerifyToken)
{
    /// <param name="suffix">Makes the credentials unique (a few random hex digits).</param>
    public static SandboxBusiness Create(string phoneNumberId, string suffix) =>
        new("8" + phoneNumberId, phoneNumberId, "+15550100000", $"meta-token-{suffix}", $"meta-app-secret-{suffix}", $"verify-{suffix}");

    /// <summary>Registers the business at the Meta sandbox (<c>POST /sandbox/businesses</c>).</summary>
    /// <param name="whatsAppWebhook">whatsapp-webhook's base address; Meta posts to its <c>/webhook/whatsapp</c>.</param>
    public async Task RegisterAsync(HttpClient metaSandbox, Uri whatsAppWebhook, CancellationToken ct)
    {
        using var response = await metaSandbox.PostAsJsonAsync("/sandbox/businesses", new
        {
            wabaId = WabaId,
            phoneNumberIds = new[] { PhoneNumberId },
            displayPhoneNumber = DisplayPhoneNumber,
            accessToken = AccessToken,
            appSecret = AppSecret,
            verifyToken = VerifyToken,
            webhookUrl = new Uri(whatsAppWebhook, "/webhook/whatsapp").ToString(),
        }, ct);
        response.EnsureSuccessStatusCode();
    }
}
