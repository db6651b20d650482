using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using WhatsAppGenesys.Clients.Tenancy;
using WhatsAppGenesys.Clients.Webhooks;
using WhatsAppGenesys.Contracts.Security;
using WhatsAppGenesys.Contracts.Tenancy;

namespace WhatsAppGenesys.RcsApi.Webhooks;

/// <summary>
/// RBM's check of a webhook URL. When a partner sets an agent's webhook in the RBM console and clicks Verify, RBM
/// POSTs <c>{"clientToken":"…","secret":"…"}</c>, unsigned; the webhook must answer 200 with the secret, as plain
/// text, as its whole body, and only when the client token is the one the console showed. The request names no
/// agent, so only an agent's own URL, <c>/webhook/rcs/{agentId}</c>, says whose client token to compare.
/// </summary>
public sealed class RbmWebhookVerification(RcsAgentOwners owners, ILogger<RbmWebhookVerification> logger)
{
    // A verification body is two short strings; anything longer is not one, and is not read further.
    private const int MaxBodyBytes = 4096;

    /// <summary>True for an unsigned request, which can only be a verification (a user event without a signature is refused).</summary>
    public static bool MayBeVerification(HttpRequest request) => !request.Headers.ContainsKey(RbmWebhookSignature.HeaderName);

    /// <param name="agentId">The agent of the URL, or null for the shared <c>/webhook/rcs</c>.</param>
    public async Task<IResult> AnswerAsync(HttpContext http, string? agentId)
    {
        if (await ReadAsync(http) is not var (clientToken, secret))
        {
            return Reject(401, $"Missing or malformed {RbmWebhookSignature.HeaderName}");
        }
        if (agentId is null)
        {
            return Reject(400, "Verify the agent's own webhook URL, /webhook/rcs/{agentId}: a shared URL cannot tell whose client token to compare");
        }

        var (owner, status, reason) = await owners.FindAsync(agentId, http.RequestAborted);
        if (owner is null)
        {
            return Reject(status, reason);
        }
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(clientToken), Encoding.UTF8.GetBytes(owner.ClientToken.Reveal())))
        {
            return Reject(401, "The client token is not the one configured for this agent");
        }

        logger.LogInformation("RCS webhook URL verified for agent {AgentId} of tenant {TenantId}", agentId, owner.Tenant.TenantId);
        return Results.Text(secret, "text/plain", Encoding.UTF8, StatusCodes.Status200OK);
    }

    private static async Task<(string ClientToken, string Secret)?> ReadAsync(HttpContext http)
    {
        if (!http.Request.HasJsonContentType() || http.Request.ContentLength > MaxBodyBytes)
        {
            return null;
        }
        var buffer = new byte[MaxBodyBytes + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await http.Request.Body.ReadAsync(buffer.AsMemory(length), http.RequestAborted)) > 0)
        {
            length += read;
        }
        if (length > MaxBodyBytes)
        {
            return null;
        }
        try
        {
            using var document = JsonDocument.Parse(buffer.AsMemory(0, length));
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Object &&
                root.TryGetProperty("clientToken", out var token) && token.ValueKind == JsonValueKind.String &&
                root.TryGetProperty("secret", out var secret) && secret.ValueKind == JsonValueKind.String
                    ? (token.GetString()!, secret.GetString()!)
                    : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private IResult Reject(int status, string reason)
    {
        logger.LogInformation("RCS webhook verification refused with {Status}: {Reason}", status, reason);
        return Results.Problem(statusCode: status, title: reason);
    }
}
