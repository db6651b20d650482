using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Minio;
using Minio.DataModel.Args;
using WhatsAppGenesys.Contracts;
using WhatsAppGenesys.InboundTransformer.Mapping;

namespace WhatsAppGenesys.InboundTransformer.Media;

/// <summary>
/// Where every channel's customer files end up: the media-inbound bucket, under <see cref="InboundMedia.StorageKey"/>
/// (the message's own date and id, so a redelivered message overwrites its own copy), and a presigned link Genesys can
/// fetch without credentials. How the bytes are fetched is each provider's (Meta's Media API, RBM's file URL).
/// </summary>
public sealed class InboundMediaBucket(IMinioClient s3, IOptions<InboundMediaOptions> options)
{
    public async Task<MediaReference> StoreAsync(string tenantId, MediaDownload media, byte[] bytes, string mime, string messageId,
        DateTimeOffset messageTime, CancellationToken ct)
    {
        var key = InboundMedia.StorageKey(tenantId, media with { Mime = mime }, messageTime, messageId);
        using (var stream = new MemoryStream(bytes, writable: false))
        {
            await s3.PutObjectAsync(new PutObjectArgs().WithBucket(Buckets.MediaInbound).WithObject(key)
                .WithStreamData(stream).WithObjectSize(bytes.Length).WithContentType(mime), ct);
        }
        var link = await s3.PresignedGetObjectAsync(new PresignedGetObjectArgs().WithBucket(Buckets.MediaInbound).WithObject(key)
            .WithExpiry((int)options.Value.PresignedUrlLifetime.TotalSeconds));
        return new MediaReference(link, mime, Convert.ToHexStringLower(SHA256.HashData(bytes)), media.Filename, bytes.Length, key);
    }
}
