using System.Net;
using WhatsAppGenesys.InboundTransformer.Mapping;

namespace WhatsAppGenesys.InboundTransformer.Media;

/// <summary>
/// Copies a file an RCS customer sent to our bucket, like WhatsApp's media (<see cref="InboundMediaBucket"/>): RBM
/// gives it by URL (<c>userFile.payload.fileUri</c>), readable without a token but only for a limited time, so the URL
/// itself is never given to Genesys. The URL came in an event whose signature rcs-api checked.
/// </summary>
public sealed class RcsFileStore(HttpClient http, InboundMediaBucket bucket)
{
    public const string HttpClientName = "rcs-files";

    /// <summary>Downloads and stores the file; a failure says whether trying again can help (404 and 410: the file is gone).</summary>
    public async Task<MediaOutcome> StoreAsync(string tenantId, MediaDownload file, DateTimeOffset messageTime, CancellationToken ct)
    {
        if (!Uri.TryCreate(file.Url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return MediaOutcome.Failed(HttpStatusCode.BadRequest, "The file URL is not an http(s) URL");
        }
        using var download = await http.GetAsync(uri, ct);
        if (!download.IsSuccessStatusCode)
        {
            return MediaOutcome.Failed(download.StatusCode, $"The RCS file download answered {(int)download.StatusCode}");
        }
        var bytes = await download.Content.ReadAsByteArrayAsync(ct);
        var mime = file.Mime ?? download.Content.Headers.ContentType?.MediaType ?? "application/octet-stream";
        return MediaOutcome.Stored(await bucket.StoreAsync(tenantId, file, bytes, mime, file.MediaId, messageTime, ct));
    }
}
