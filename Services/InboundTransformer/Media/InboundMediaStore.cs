using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using WhatsAppGenesys.Clients.Providers;
using WhatsAppGenesys.Clients.Tokens;
using WhatsAppGenesys.Contracts.Meta;
using WhatsAppGenesys.InboundTransformer.Mapping;

namespace WhatsAppGenesys.InboundTransformer.Media;

/// <summary>
/// Copies a customer's media from Meta to our bucket and hands out a presigned link Genesys can fetch: Meta's own
/// URL needs our token and expires after 5 minutes (Meta's Media API reference), so it can never be given to Genesys.
/// </summary>
public sealed class InboundMediaStore(HttpClient graph, InboundMediaBucket bucket, IOptions<MetaGraphOptions> graphOptions)
{
    public const string HttpClientName = "meta-graph";

    /// <summary>Downloads, checks and stores the file; a failure says whether trying again can help.</summary>
    public async Task<MediaOutcome> StoreAsync(string tenantId, string graphVersion, MediaDownload media, string messageId, DateTimeOffset messageTime, CancellationToken ct)
    {
        var metadataRequest = new HttpRequestMessage(HttpMethod.Get, new Uri(graphOptions.Value.GraphBaseUrl, $"/{graphVersion}/{Uri.EscapeDataString(media.MediaId)}"))
            .ForTenant(tenantId);
        using var metadataResponse = await graph.SendAsync(metadataRequest, ct);
        if (!metadataResponse.IsSuccessStatusCode)
        {
            return MediaOutcome.Failed(metadataResponse.StatusCode, $"Meta media lookup answered {(int)metadataResponse.StatusCode}");
        }
        var metadata = await metadataResponse.Content.ReadFromJsonAsync<MetaMediaMetadata>(ct);
        if (metadata?.Url is not { Length: > 0 } url)
        {
            return MediaOutcome.Failed(HttpStatusCode.NotFound, "Meta returned no download URL");
        }

        using var download = await graph.SendAsync(new HttpRequestMessage(HttpMethod.Get, url).ForTenant(tenantId), ct);
        if (!download.IsSuccessStatusCode)
        {
            return MediaOutcome.Failed(download.StatusCode, $"Meta media download answered {(int)download.StatusCode}");
        }
        var bytes = await download.Content.ReadAsByteArrayAsync(ct);
        var expected = metadata.Sha256 ?? media.Sha256;
        if (expected is not null && !HashMatches(bytes, expected))
        {
            // A corrupted transfer: downloading again can fix it.
            return MediaOutcome.Failed(HttpStatusCode.BadGateway, "The downloaded media does not match Meta's sha256");
        }

        var mime = metadata.MimeType ?? media.Mime ?? "application/octet-stream";
        return MediaOutcome.Stored(await bucket.StoreAsync(tenantId, media, bytes, mime, messageId, messageTime, ct));
    }

    // Meta documents sha256 without saying how it is encoded; accept hex or Base64 of the same digest.
    private static bool HashMatches(byte[] bytes, string expected)
    {
        var digest = SHA256.HashData(bytes);
        return string.Equals(Convert.ToHexString(digest), expected, StringComparison.OrdinalIgnoreCase)
            || string.Equals(Convert.ToBase64String(digest), expected, StringComparison.Ordinal);
    }
}

/// <summary>The stored media, or why it could not be stored.</summary>
public sealed record MediaOutcome(MediaReference? Media, HttpStatusCode? FailureStatus, string? Failure)
{
    public static MediaOutcome Stored(MediaReference media) => new(media, null, null);

    public static MediaOutcome Failed(HttpStatusCode status, string reason) => new(null, status, reason);

    /// <summary>The provider no longer has the file (Meta's media ids expire after 7 days, RBM's file URLs too): retrying cannot help.</summary>
    public bool IsPermanent => FailureStatus is HttpStatusCode.NotFound or HttpStatusCode.Gone or HttpStatusCode.BadRequest;
}
