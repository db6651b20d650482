using WhatsAppGenesys.MetaSandbox.Model;
using WhatsAppGenesys.MetaSandbox.Webhooks;

namespace WhatsAppGenesys.MetaSandbox.Media;

// Meta downloads media sent by link after accepting the message; a bad link or MIME type then arrives as a failed
// status with 131053. We fetch the link the same way, between accepting and "sent".
public sealed class MediaLinkProbe(WebhookSender sender, ILogger<MediaLinkProbe> logger)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public async Task<MetaError?> CheckAsync(string type, string link, CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Timeout);
            using var response = await sender.Client.GetAsync(link, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                return MetaErrors.MediaUpload(
                    $"Downloading media from weblink failed with http code {(int)response.StatusCode}, status message {response.ReasonPhrase}");
            }
            var content = await response.Content.ReadAsByteArrayAsync(timeout.Token);
            var mimeType = response.Content.Headers.ContentType?.ToString() ?? "application/octet-stream";
            return MediaRules.Check(type, mimeType, content.LongLength);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or InvalidOperationException)
        {
            logger.LogDebug("Media link fetch failed: {Error}", ex.Message);
            return MetaErrors.MediaUpload("Downloading media from weblink failed: the URL could not be fetched.");
        }
    }
}
