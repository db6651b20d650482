using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using WhatsAppGenesys.RcsSandbox.Rbm.Validation;
using WhatsAppGenesys.RcsSandbox.Users;
using WhatsAppGenesys.RcsSandbox.Wire;

namespace WhatsAppGenesys.RcsSandbox.Rbm;

/// <summary>
/// <c>POST /v1/phones/{msisdn}/agentMessages?messageId={uuid}&amp;agentId={agentId}</c> (phones.agentMessages.create).
/// Checked in this order: authentication and the agent (<see cref="RbmAuth"/>), a forced 403, the agent's rate
/// (429), the number's format, the messageId, the body, whether the number is reachable over RCS (404), and whether
/// the agent used the messageId before (409). Accepted: 200 with the AgentMessage resource, and receipts follow.
/// </summary>
public static class AgentMessagesApi
{
    public static async Task<IResult> CreateAsync(string msisdn, HttpRequest request, [AsParameters] RbmServices services)
    {
        if (RbmAuth.Authorize(request, services.Tokens, services.Agents, out var agent, out var tokenPresented) is { } authError)
        {
            return services.Reject(authError, tokenPresented);
        }
        if (services.Forbidden.TryConsume(agent!.AgentId))
        {
            Interlocked.Increment(ref services.Counters.ForcedForbidden);
            return services.Reject(GoogleError.PermissionDenied());
        }
        if (!services.RateLimiter.TryAcquire(agent))
        {
            Interlocked.Increment(ref services.Counters.RateLimited);
            return services.Reject(GoogleError.ResourceExhausted(), retryAfterSeconds: 1);
        }
        if (RequestIds.CheckPhone(msisdn) is { } phoneError)
        {
            return services.Reject(phoneError);
        }
        if (RequestIds.Check(request, "messageId", out var messageId) is { } idError)
        {
            return services.Reject(idError);
        }

        var (document, parseError) = await RbmBody.ReadAsync(request);
        if (parseError is not null)
        {
            return services.Reject(parseError);
        }
        using (document)
        {
            var root = document!.RootElement;
            if (AgentMessageValidator.Validate(root, out var summary) is { } invalid)
            {
                return services.Reject(invalid);
            }
            if (!services.Users.IsCapable(msisdn))
            {
                return services.Reject(GoogleError.NotFound());
            }
            if (!services.Ledger.TryClaim(agent.AgentId, messageId))
            {
                return services.Reject(GoogleError.AlreadyExists());
            }

            var now = services.Time.GetUtcNow();
            var content = JsonShape.TryGet(root, "contentMessage", out var c) ? c.GetRawText() : "{}";
            var message = new ReceivedMessage(agent.AgentId, messageId, msisdn, now, content, summary!.Kind);
            services.Users.GetOrCreate(msisdn).AddReceived(message, services.Users.MaxMessagesPerUser);
            Interlocked.Increment(ref services.Counters.AgentMessagesAccepted);
            services.Receipts.Start(agent, message);
            return Results.Json(Resource(message, root, now), RbmJson.Options);
        }
    }

    // The AgentMessage as created: name and sendTime set by the platform, expireTime when one was asked for (a ttl
    // becomes the expireTime it amounts to, as the reference describes).
    private static JsonObject Resource(ReceivedMessage message, JsonElement request, DateTimeOffset now)
    {
        var resource = new JsonObject
        {
            ["name"] = message.Name,
            ["sendTime"] = Rfc3339.Format(message.SendTime),
            ["contentMessage"] = message.ContentMessage,
        };
        if (JsonShape.TryGet(request, "messageTrafficType", out var trafficType))
        {
            resource["messageTrafficType"] = trafficType.GetString();
        }
        if (JsonShape.TryGet(request, "expireTime", out var expireTime) && Rfc3339.TryParse(expireTime.GetString(), out var expires))
        {
            resource["expireTime"] = Rfc3339.Format(expires);
        }
        else if (JsonShape.TryGet(request, "ttl", out var ttl) &&
            double.TryParse(ttl.GetString()!.TrimEnd('s'), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            resource["expireTime"] = Rfc3339.Format(now.AddSeconds(seconds));
        }
        return resource;
    }
}
