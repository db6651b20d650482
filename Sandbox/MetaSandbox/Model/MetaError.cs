using WhatsAppGenesys.MetaSandbox.Webhooks;

namespace WhatsAppGenesys.MetaSandbox.Model;

// One Meta error, reported either synchronously as a Graph API error body or asynchronously inside a failed status.
// The WhatsApp Business Management API (templates) adds a title and a sentence meant for people: UserTitle, UserMessage.
// Graph calls outside WhatsApp (the OAuth code exchange, debug_token) answer the message as it is, without a "(#code)"
// prefix, and without error_data: OutsideWhatsApp.
public sealed record MetaError(int Code, string Title, string Details, int HttpStatus = 400,
    string Type = "OAuthException", int? Subcode = null, string? UserTitle = null, string? UserMessage = null,
    bool OutsideWhatsApp = false)
{
    public const string ErrorCodesHref = "https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/";

    // Graph prefixes the code ("(#131009) Parameter value is not valid"); auth errors (190) are not prefixed.
    public string GraphMessage => Code == MetaErrors.InvalidTokenCode || OutsideWhatsApp ? Title : $"(#{Code}) {Title}";

    public WebhookError ToWebhookError() => new(Code, Title, Title, new WebhookErrorData(Details), ErrorCodesHref);
}

// The codes and texts the bridge must classify (Shared/Contracts/Meta/MetaErrorCatalog.cs), with Meta's titles and
// details.
public static class MetaErrors
{
    public const int InvalidTokenCode = 190;

    public static MetaError InvalidToken() => new(InvalidTokenCode, "Invalid OAuth access token - Cannot parse access token",
        "The access token is missing, invalid or not the one of the business that owns this phone number.", 401);

    public static MetaError InvalidParameter(string details) => new(100, "Invalid parameter", details);

    public static MetaError UnsupportedRequest(string method, string objectId) => new(100,
        $"Unsupported {method} request. Object with ID '{objectId}' does not exist, cannot be loaded due to missing permissions, or does not support this operation",
        $"Object with ID '{objectId}' does not exist.", 400, "GraphMethodException", 33);

    public static MetaError RequiredParameterMissing(string details) => new(131008, "Required parameter is missing", details);

    public static MetaError ParameterValueInvalid(string details) => new(131009, "Parameter value is not valid", details);

    public static MetaError ReEngagement() => new(131047, "Re-engagement message",
        "Message failed to send because more than 24 hours have passed since the customer last replied to this number.");

    public static MetaError Undeliverable() => new(131026, "Message undeliverable",
        "Message Undeliverable. The recipient may not be a WhatsApp user, may be on an old client, or has not accepted the latest terms.");

    public static MetaError RateLimitHit() => new(130429, "Rate limit hit",
        "Message failed to send because there were too many messages sent from this phone number in a short period of time",
        400, "OAuthException", 2494055);

    public static MetaError MediaUpload(string details) => new(131053, "Media upload error", details);

    public static MetaError SpamRateLimitHit() => new(131048, "Spam rate limit hit",
        "Message failed to send because there are restrictions on how many messages can be sent from this phone number. This may be because too many previous messages were blocked or flagged as spam.");

    public static MetaError PairRateLimitHit() => new(131056, "(Business Account, Consumer Account) pair rate limit hit",
        "Message failed to send because there were too many messages sent from this phone number to the same phone number in a short period of time.");

    // What a fault rule answers for a given code, when it names one.
    public static MetaError ForCode(int code, int? httpStatus) => code switch
    {
        InvalidTokenCode => InvalidToken() with { HttpStatus = httpStatus ?? 401 },
        1 => new(1, "An unknown error occurred", "An unknown error occurred.", httpStatus ?? 500),
        2 => new(2, "Service temporarily unavailable", "Service temporarily unavailable. Please retry your request later.", httpStatus ?? 503),
        4 => new(4, "Application request limit reached", "Too many calls from this app. Please retry later.", httpStatus ?? 400),
        100 => InvalidParameter("Invalid parameter") with { HttpStatus = httpStatus ?? 400 },
        80007 => new(80007, "Rate limit issues", "The WhatsApp Business Account has reached its rate limit.", httpStatus ?? 400),
        130429 => RateLimitHit() with { HttpStatus = httpStatus ?? 400 },
        131000 => new(131000, "Something went wrong", "Something went wrong. Please retry.", httpStatus ?? 500),
        131008 => RequiredParameterMissing("A required parameter is missing.") with { HttpStatus = httpStatus ?? 400 },
        131009 => ParameterValueInvalid("A parameter value is not valid.") with { HttpStatus = httpStatus ?? 400 },
        131016 => new(131016, "Service unavailable", "A service is temporarily unavailable.", httpStatus ?? 503),
        131026 => Undeliverable() with { HttpStatus = httpStatus ?? 400 },
        131047 => ReEngagement() with { HttpStatus = httpStatus ?? 400 },
        131048 => SpamRateLimitHit() with { HttpStatus = httpStatus ?? 400 },
        131053 => MediaUpload("Media upload error.") with { HttpStatus = httpStatus ?? 400 },
        131056 => PairRateLimitHit() with { HttpStatus = httpStatus ?? 400 },
        131057 => new(131057, "Account in maintenance mode", "Business Account is in maintenance mode. It may be undergoing a throughput upgrade.", httpStatus ?? 400),
        _ => new(code, "Sandbox fault", $"Fault injected by the sandbox with code {code}.", httpStatus ?? 400),
    };

    public static MetaError ForStatus(int httpStatus) => httpStatus switch
    {
        401 => ForCode(InvalidTokenCode, 401),
        429 => ForCode(130429, 429),
        503 => ForCode(2, 503),
        >= 500 => ForCode(1, httpStatus),
        _ => ForCode(100, httpStatus),
    };
}
