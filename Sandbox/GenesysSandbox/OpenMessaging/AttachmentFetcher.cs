using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using WhatsAppGenesys.GenesysSandbox.Control;
using WhatsAppGenesys.GenesysSandbox.Http;
using WhatsAppGenesys.GenesysSandbox.Model;

namespace WhatsAppGenesys.GenesysSandbox.OpenMessaging;

/// <summary>
/// Genesys downloads each inbound attachment from its URL (which is why the middleware must hand it a fetchable,
/// e.g. pre-signed, URL). The simulator does the same, synchronously, and records size, SHA-256 and MIME type.
/// </summary>
public sealed class AttachmentFetcher(SimulatorHttpClient http, IOptions<GenesysSandboxOptions> options, SandboxCounters counters)
{
    public async Task<AttachmentFetchResult> FetchAsync(OpenAttachment attachment, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var result = await DownloadAsync(attachment, cancellationToken);
        result = result with { DurationMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds };
        if (result.Succeeded)
        {
            counters.AttachmentFetched();
        }
        else
        {
            counters.AttachmentFetchFailed();
        }
        return result;
    }

    private async Task<AttachmentFetchResult> DownloadAsync(OpenAttachment attachment, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMilliseconds(Math.Max(1, options.Value.AttachmentFetchTimeoutMilliseconds)));
        var client = http.Client;
        try
        {
            using var response = await client.GetAsync(attachment.Url, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                return Failure((int)response.StatusCode, $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}".TrimEnd());
            }

            var max = options.Value.MaxAttachmentBytes;
            if (response.Content.Headers.ContentLength > max)
            {
                return Failure((int)response.StatusCode, $"attachment larger than {max} bytes");
            }

            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            await using var stream = await response.Content.ReadAsStreamAsync(timeout.Token);
            var buffer = new byte[81920];
            long size = 0;
            int read;
            while ((read = await stream.ReadAsync(buffer, timeout.Token)) > 0)
            {
                size += read;
                if (size > max)
                {
                    return Failure((int)response.StatusCode, $"attachment larger than {max} bytes");
                }
                hash.AppendData(buffer, 0, read);
            }

            var sha256 = Convert.ToHexStringLower(hash.GetHashAndReset());
            bool? matches = attachment.Sha256 is { Length: > 0 } declared
                ? string.Equals(declared, sha256, StringComparison.OrdinalIgnoreCase)
                : null;
            return new AttachmentFetchResult(true, (int)response.StatusCode, null, size, sha256,
                response.Content.Headers.ContentType?.MediaType, matches, 0);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Failure(null, "timed out");
        }
        catch (HttpRequestException exception)
        {
            return Failure(exception.StatusCode is { } status ? (int)status : null,
                exception.HttpRequestError == HttpRequestError.Unknown ? "unreachable" : exception.HttpRequestError.ToString());
        }
    }

    private static AttachmentFetchResult Failure(int? status, string error) =>
        new(false, status, error, null, null, null, null, 0);

    /// <summary>The URL without its query: a pre-signed URL's signature is a credential and stays out of error texts.</summary>
    public static string Redact(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Path) : "(invalid url)";

    internal static bool IsFetchable(OpenAttachment attachment) => attachment.MediaType != "Link";
}
