using System.Net;
using Microsoft.Extensions.Options;
using Minio;
using Minio.DataModel.Args;
using WhatsAppGenesys.Clients.Tokens;
using WhatsAppGenesys.Contracts;
using WhatsAppGenesys.Contracts.Genesys;
using WhatsAppGenesys.OutboundTransformer.Mapping;

namespace WhatsAppGenesys.OutboundTransformer.Media;

/// <summary>
/// Re-hosts an agent's attachment where the provider (Meta, or the RCS provider) can fetch it: downloads it from
/// Genesys, checks it against the channel's limits (declared type and size first, so an oversized file is refused before it is downloaded, then the real
/// size), stores it in <c>media-outbound</c> and hands out a presigned link valid for a day.
/// </summary>
public sealed class OutboundMediaStore(
    HttpClient http,
    IMinioClient s3,
    GenesysTokenProvider genesysTokens,
    IOptions<OutboundMediaOptions> options,
    TimeProvider clock,
    ILogger<OutboundMediaStore> logger)
{
    public const string HttpClientName = "genesys-downloads";

    /// <param name="rules">The channel's limits (WhatsApp's when not given).</param>
    public async Task<MediaPreparation> PrepareAsync(string tenantId, GenesysAttachment attachment, CancellationToken ct, MediaRules? rules = null)
    {
        rules ??= MediaRules.WhatsApp;
        var (declared, refusal) = rules.Check(attachment.MediaType, attachment.Mime, attachment.ContentSizeBytes);
        if (refusal is not null)
        {
            return MediaPreparation.Refused(refusal);
        }
        if (!Uri.TryCreate(attachment.Url, UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http"))
        {
            return MediaPreparation.Refused(new OutboundPlan.Reject(GenesysReasonCode.InvalidMessageStructure, "The attachment has no download URL."));
        }

        byte[] bytes;
        string? servedMime;
        try
        {
            using var response = await DownloadAsync(tenantId, url, ct);
            if (!response.IsSuccessStatusCode)
            {
                return (int)response.StatusCode >= 500 || response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout
                    ? MediaPreparation.Transient($"Genesys answered {(int)response.StatusCode} for the attachment")
                    : MediaPreparation.Refused(new OutboundPlan.Reject(GenesysReasonCode.GeneralError,
                        $"The attachment could not be downloaded from Genesys ({(int)response.StatusCode})."));
            }
            servedMime = response.Content.Headers.ContentType?.ToString();
            var limit = rules.MaxBytes(attachment.MediaType);
            if (response.Content.Headers.ContentLength > limit)
            {
                return Oversized(rules, attachment, servedMime, response.Content.Headers.ContentLength.Value);
            }
            bytes = await ReadBoundedAsync(response.Content, limit, ct);
            if (bytes.LongLength > limit)
            {
                return Oversized(rules, attachment, servedMime, bytes.LongLength);
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return MediaPreparation.Transient($"The attachment download failed: {ex.GetType().Name}");
        }

        // Genesys's declared type wins: download servers often answer application/octet-stream.
        var mime = attachment.Mime ?? servedMime;
        var (form, rejection) = rules.Check(attachment.MediaType, mime, bytes.LongLength);
        if (rejection is not null)
        {
            return MediaPreparation.Refused(rejection);
        }
        var key = OutboundMedia.StorageKey(tenantId, form!, clock.GetUtcNow(), Guid.NewGuid());
        using (var stream = new MemoryStream(bytes, writable: false))
        {
            await s3.PutObjectAsync(new PutObjectArgs().WithBucket(Buckets.MediaOutbound).WithObject(key)
                .WithStreamData(stream).WithObjectSize(bytes.LongLength).WithContentType(form!.Mime), ct);
        }
        var link = await s3.PresignedGetObjectAsync(new PresignedGetObjectArgs().WithBucket(Buckets.MediaOutbound).WithObject(key)
            .WithExpiry((int)options.Value.PresignedUrlLifetime.TotalSeconds));
        logger.LogDebug("Attachment stored as {Key} ({Bytes} bytes, {Mime})", key, bytes.LongLength, form.Mime);
        return MediaPreparation.Hosted(new HostedMedia(link, form.Mime, bytes.LongLength, key));
    }

    // api-downloads URLs are presigned, so no token at first; if Genesys still wants one, once more with the tenant's.
    private async Task<HttpResponseMessage> DownloadAsync(string tenantId, Uri url, CancellationToken ct)
    {
        var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, ct);
        if (response.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden))
        {
            return response;
        }
        response.Dispose();
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new("Bearer", await genesysTokens.GetTokenAsync(tenantId, ct));
        return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
    }

    private static async Task<byte[]> ReadBoundedAsync(HttpContent content, long limit, CancellationToken ct)
    {
        await using var source = await content.ReadAsStreamAsync(ct);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await source.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > limit)
            {
                break;
            }
        }
        return buffer.ToArray();
    }

    private static MediaPreparation Oversized(MediaRules rules, GenesysAttachment attachment, string? servedMime, long size) =>
        MediaPreparation.Refused(rules.Check(attachment.MediaType, attachment.Mime ?? servedMime, size).Rejection
            ?? new OutboundPlan.Reject(GenesysReasonCode.InvalidMediaContentLength, $"The attachment is too large for {rules.Channel}."));
}

/// <summary>The re-hosted file; or why it cannot be sent (a Failed receipt); or a transient failure (retry).</summary>
public sealed record MediaPreparation(HostedMedia? Media, OutboundPlan.Reject? Rejection, string? TransientFailure)
{
    public static MediaPreparation Hosted(HostedMedia media) => new(media, null, null);

    public static MediaPreparation Refused(OutboundPlan.Reject rejection) => new(null, rejection, null);

    public static MediaPreparation Transient(string reason) => new(null, null, reason);
}
