using System.Text.Unicode;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using WhatsAppGenesys.Contracts.Security;

namespace WhatsAppGenesys.Clients.Webhooks;

/// <summary>
/// The first checks every provider webhook gets, before any work: JSON content type (415), a signature header of the
/// right form (401; <c>X-Hub-Signature-256</c> for Meta and Genesys, <c>X-Goog-Signature</c> for RCS), and a bounded
/// body read as raw bytes (413) that is valid UTF-8 (400) — the signature is computed over exactly these bytes (or,
/// for RCS, over bytes carried inside them), never over a re-serialisation.
/// </summary>
public sealed record SignedWebhookRequest(byte[] Body, string Signature)
{
    public const long DefaultMaxBodyBytes = 1024 * 1024;

    /// <summary>Returns the request signed with <c>X-Hub-Signature-256</c>, or the status and reason to refuse it with.</summary>
    public static Task<(SignedWebhookRequest? Request, int Status, string Reason)> ReadAsync(HttpContext http, long maxBodyBytes = DefaultMaxBodyBytes) =>
        ReadAsync(http, WebhookSignatures.HeaderName, WebhookSignatures.HasSignature, maxBodyBytes);

    /// <summary>Returns the request signed in <paramref name="signatureHeader"/>, or the status and reason to refuse it with.</summary>
    /// <param name="isWellFormed">Whether the header's value has the scheme's form at all (checked before the body is read).</param>
    public static async Task<(SignedWebhookRequest? Request, int Status, string Reason)> ReadAsync(HttpContext http, string signatureHeader,
        Func<string?, bool> isWellFormed, long maxBodyBytes = DefaultMaxBodyBytes)
    {
        if (!http.Request.HasJsonContentType())
        {
            return (null, StatusCodes.Status415UnsupportedMediaType, "Content-Type must be application/json");
        }
        var signature = http.Request.Headers[signatureHeader].ToString();
        if (!isWellFormed(signature))
        {
            return (null, StatusCodes.Status401Unauthorized, $"Missing or malformed {signatureHeader}");
        }
        if (http.Request.ContentLength > maxBodyBytes)
        {
            return (null, StatusCodes.Status413PayloadTooLarge, $"Webhook bodies are limited to {maxBodyBytes} bytes");
        }
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxBodyBytes;
        }
        try
        {
            using var buffer = new MemoryStream();
            await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
            var body = buffer.ToArray();
            // JSON is UTF-8 (RFC 8259). System.Text.Json does not check the bytes inside strings while parsing, so
            // without this a body with broken UTF-8 would be accepted, queued and only fail in the consumer.
            if (!Utf8.IsValid(body))
            {
                return (null, StatusCodes.Status400BadRequest, "The body is not valid UTF-8");
            }
            return (new SignedWebhookRequest(body, signature), StatusCodes.Status200OK, "");
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, StatusCodes.Status413PayloadTooLarge, $"Webhook bodies are limited to {maxBodyBytes} bytes");
        }
    }

    /// <summary>The audit metadata archived with the raw webhook as S3 object metadata.</summary>
    public Dictionary<string, string> ArchiveMetadata(HttpContext http, string tenantId, DateTimeOffset receivedAt) => new()
    {
        ["stored_at"] = receivedAt.ToString("O"),
        ["tenant_id"] = tenantId,
        ["webhook_signature"] = Signature,
        ["source_ip"] = http.Connection.RemoteIpAddress?.ToString() ?? "",
        ["user_agent"] = http.Request.Headers.UserAgent.ToString(),
    };
}
