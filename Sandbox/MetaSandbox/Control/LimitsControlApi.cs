using WhatsAppGenesys.MetaSandbox.Limits;
using WhatsAppGenesys.MetaSandbox.Model;

namespace WhatsAppGenesys.MetaSandbox.Control;

// /sandbox/limits: switch and tune Meta's sending limits, give a business its own messaging-limit tier, arm spam
// strikes (131048) and forget what was counted so far.
public static class LimitsControlApi
{
    public static RouteGroupBuilder MapLimitsControlApi(this RouteGroupBuilder sandbox)
    {
        sandbox.MapGet("/limits", Describe);
        sandbox.MapPatch("/limits", Patch);
        sandbox.MapPut("/limits/businesses/{wabaId}", SetBusinessTier);
        sandbox.MapPost("/limits/spam", ArmSpam);
        sandbox.MapDelete("/limits/usage", (MessagingLimitTracker reach, PairRateLimiter pairs, SpamStrikes spam) =>
        {
            reach.Reset();
            pairs.Reset();
            spam.Clear();
            return Results.NoContent();
        });
        return sandbox;
    }

    private static IResult Patch(LimitsPatch patch, [AsParameters] LimitServices services)
    {
        var s = services.Settings;
        if (patch.MessagingLimitTier is { } tier && !MessagingTiers.TryParse(tier, out _))
        {
            return Results.Problem($"'{tier}' is not a messaging-limit tier.", statusCode: StatusCodes.Status400BadRequest);
        }
        if (patch.EnforceMessagingLimit is { } enforceLimit) s.EnforceMessagingLimit = enforceLimit;
        if (patch.MessagingLimitTier is { } defaultTier) s.MessagingLimitTier = defaultTier;
        if (patch.MessagingLimitErrorCode is { } code) s.MessagingLimitErrorCode = code;
        if (patch.MessagingLimitDelivery is { } delivery) s.MessagingLimitDelivery = delivery;
        if (patch.EnforcePairRate is { } enforcePair) s.EnforcePairRate = enforcePair;
        if (patch.PairRateIntervalMs is { } interval) s.PairRateIntervalMs = Math.Max(1, interval);
        if (patch.PairRateBurst is { } burst) s.PairRateBurst = Math.Max(1, burst);
        if (patch.MessagesPerSecond is { } mps) services.Sandbox.MessagesPerSecond = mps;
        return Describe(services);
    }

    private static IResult SetBusinessTier(string wabaId, BusinessTierRequest request, [AsParameters] LimitServices services)
    {
        if (services.Businesses.FindByWabaId(wabaId) is null)
        {
            return Results.Problem($"Unknown WABA id {wabaId}.", statusCode: StatusCodes.Status404NotFound);
        }
        if (!MessagingTiers.TryParse(request.Tier, out _))
        {
            return Results.Problem($"'{request.Tier}' is not a messaging-limit tier.", statusCode: StatusCodes.Status400BadRequest);
        }
        services.Settings.SetTier(wabaId, request.Tier!);
        return Describe(services);
    }

    private static IResult ArmSpam(SpamRequest request, [AsParameters] LimitServices services)
    {
        var phoneNumberId = request.PhoneNumberId ?? services.Businesses.Default.PhoneNumberIds[0];
        if (services.Businesses.FindByPhoneNumberId(phoneNumberId) is null)
        {
            return Results.Problem($"Unknown phone number id {phoneNumberId}.", statusCode: StatusCodes.Status404NotFound);
        }
        services.Spam.Arm(phoneNumberId, request.Count);
        return Describe(services);
    }

    private static IResult Describe([AsParameters] LimitServices services)
    {
        var s = services.Settings;
        var wabaIds = services.Settings.BusinessTiers.Keys.Append(services.Businesses.Default.WabaId).Distinct();
        return Results.Json(new
        {
            messagesPerSecond = services.Sandbox.MessagesPerSecond,
            enforceMessagingLimit = s.EnforceMessagingLimit,
            messagingLimitTier = s.MessagingLimitTier,
            messagingLimitErrorCode = s.MessagingLimitErrorCode,
            messagingLimitDelivery = s.MessagingLimitDelivery,
            enforcePairRate = s.EnforcePairRate,
            pairRateIntervalMs = s.PairRateIntervalMs,
            pairRateBurst = s.PairRateBurst,
            businesses = wabaIds.Select(id => new { wabaId = id, tier = s.TierFor(id), reached = services.Reach.Reached(id) }),
            spamStrikes = services.Spam.Remaining(),
        });
    }
}

public sealed record LimitServices(
    LimitSettings Settings,
    SandboxSettings Sandbox,
    BusinessRegistry Businesses,
    MessagingLimitTracker Reach,
    SpamStrikes Spam);

public sealed record LimitsPatch(bool? EnforceMessagingLimit, string? MessagingLimitTier, int? MessagingLimitErrorCode,
    PolicyErrorDelivery? MessagingLimitDelivery, bool? EnforcePairRate, int? PairRateIntervalMs, int? PairRateBurst, int? MessagesPerSecond);

public sealed record BusinessTierRequest(string? Tier);

public sealed record SpamRequest(string? PhoneNumberId, int Count);
