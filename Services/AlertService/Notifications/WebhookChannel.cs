using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Options;
using WhatsAppGenesys.AlertService.Data;
using WhatsAppGenesys.AlertService.Evaluation;
using WhatsAppGenesys.AlertService.Subscriptions;
using WhatsAppGenesys.Contracts.Alerts;

namespace WhatsAppGenesys.AlertService.Notifications;

/// <summary>
/// POSTs the notification as JSON with <see cref="AlertSignature.HeaderName"/>: the HMAC-SHA256 of the exact body
/// bytes under the subscription's secret, which is decrypted only for the moment of signing. A 2xx is handed over;
/// anything else is tried twice more, a second and then two apart.
/// </summary>
public sealed class WebhookChannel(IHttpClientFactory httpClients, SubscriptionSecrets secrets, IOptions<AlertingOptions> options) : IAlertChannel
{
    public const string HttpClientName = "alert-webhooks";

    /// <summary>Tenants' webhooks: public addresses only (<see cref="PublicAddresses"/>).</summary>
    public const string TenantHttpClientName = "alert-webhooks-tenant";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Name => AlertChannels.Webhook;

    public async Task SendAsync(AlertSubscriptionRow subscription, AlertNotification notification, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(notification, Json);
        var signature = AlertSignature.Sign(body, secrets.Reveal(subscription));
        var client = httpClients.CreateClient(subscription.TenantId == AlertTenants.Platform || options.Value.AllowPrivateWebhookTargets
            ? HttpClientName
            : TenantHttpClientName);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                using var request = new HttpRequestMessage(HttpMethod.Post, subscription.Target) { Content = content };
                request.Headers.Add(AlertSignature.HeaderName, signature);
                using var response = await client.SendAsync(request, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
                if (attempt == 3)
                {
                    throw new HttpRequestException($"The webhook answered {(int)response.StatusCode}");
                }
            }
            catch (Exception ex) when (attempt < 3 && ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
            }
            await Task.Delay(TimeSpan.FromSeconds(attempt), cancellationToken);
        }
    }
}
