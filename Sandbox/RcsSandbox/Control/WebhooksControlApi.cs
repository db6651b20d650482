using System.Text;
using System.Text.Json.Nodes;
using WhatsAppGenesys.RcsSandbox.Webhooks;
using WhatsAppGenesys.RcsSandbox.Wire;

namespace WhatsAppGenesys.RcsSandbox.Control;

/// <summary>
/// Webhook tools for tests: post a user event exactly as given (to test a receiver's parsing and signature checks), and
/// run RBM's webhook verification handshake.
/// </summary>
public static class WebhooksControlApi
{
    public static RouteGroupBuilder MapWebhooksControlApi(this RouteGroupBuilder sandbox)
    {
        sandbox.MapPost("/webhooks/raw", PostRawAsync);
        sandbox.MapPost("/webhooks/verify", VerifyAsync);
        return sandbox;
    }

    // The event's UTF-8 bytes are wrapped per the format and signed with the agent's client token unless overridden;
    // one synchronous attempt, no retries, outside the users' lanes, so the caller sees exactly what the receiver said.
    private static async Task<IResult> PostRawAsync(RawWebhookRequest request, [AsParameters] ControlServices services, CancellationToken cancellationToken)
    {
        if (request.Event is null)
        {
            return ControlResults.BadRequest("event (the user event's JSON text) is required.");
        }
        if (services.AgentOrDefault(request.AgentId) is not { } agent)
        {
            return ControlResults.NotFound($"Unknown agent {request.AgentId}.");
        }
        var url = request.WebhookUrl ?? services.Publisher.WebhookUrl(agent);
        if (url is null)
        {
            return ControlResults.BadRequest("No webhook URL is configured.");
        }
        var payload = WebhookPayload.Build(agent with { WebhookSecret = request.ClientToken ?? agent.WebhookSecret },
            Encoding.UTF8.GetBytes(request.Event), request.Format ?? services.Publisher.Format(agent), services.Time.GetUtcNow());
        var signature = request.OmitSignature ? null : request.Signature ?? payload.Signature;
        var attempt = await services.Sender.PostAsync(url, payload.Body, signature, services.Dispatcher.AttemptTimeout, cancellationToken);
        return Results.Json(new
        {
            status = attempt.Status,
            acknowledged = attempt.Acknowledged,
            error = attempt.Error,
            responseBody = attempt.ResponseBody,
            body = payload.BodyText,
            signature,
        });
    }

    // RBM's check when a webhook is configured: POST {"clientToken","secret"}; the webhook must answer 200 with the
    // secret, as plain text, as its body.
    private static async Task<IResult> VerifyAsync(VerifyRequest? request, [AsParameters] ControlServices services, CancellationToken cancellationToken)
    {
        if (services.AgentOrDefault(request?.AgentId) is not { } agent)
        {
            return ControlResults.NotFound($"Unknown agent {request?.AgentId}.");
        }
        var url = request?.WebhookUrl ?? services.Publisher.WebhookUrl(agent);
        if (url is null)
        {
            return ControlResults.BadRequest("No webhook URL is configured.");
        }
        var secret = request?.Secret ?? Random.Shared.NextInt64(1_000_000_000, 9_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var body = new JsonObject { ["clientToken"] = request?.ClientToken ?? agent.WebhookSecret, ["secret"] = secret };
        var attempt = await services.Sender.PostAsync(url, Encoding.UTF8.GetBytes(body.ToJsonString(RbmJson.Options)), null,
            services.Dispatcher.AttemptTimeout, cancellationToken);
        return Results.Json(new
        {
            status = attempt.Status,
            error = attempt.Error,
            responseBody = attempt.ResponseBody,
            secret,
            secretEchoed = attempt.Status == StatusCodes.Status200OK && attempt.ResponseBody == secret,
        });
    }
}

/// <param name="Event">The user event JSON, sent byte for byte (its UTF-8).</param>
/// <param name="ClientToken">Sign with this instead of the agent's client token.</param>
/// <param name="Signature">Send this X-Goog-Signature instead of the computed one.</param>
public sealed record RawWebhookRequest(string? Event, string? AgentId, string? WebhookUrl, WebhookFormat? Format, string? ClientToken,
    string? Signature, bool OmitSignature);

public sealed record VerifyRequest(string? AgentId, string? WebhookUrl, string? ClientToken, string? Secret);
