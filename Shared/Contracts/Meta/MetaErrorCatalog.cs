using WhatsAppGenesys.Contracts.Genesys;

namespace WhatsAppGenesys.Contracts.Meta;

/// <summary>What kind of problem a Meta error code is, so callers can react (refresh a token, slow down, alert).</summary>
public enum MetaErrorKind
{
    Unknown, Authentication, RateLimit, WindowExpired, Recipient, Policy, UnsupportedMessage, Media, InvalidRequest,
    Template, Transient,
}

/// <summary>
/// How one Meta error code is handled. <see cref="Retryable"/>: sending the same request again may succeed.
/// <see cref="BackOff"/>: a throttle, so wait (with jitter) longer than a normal retry before that.
/// <see cref="Reason"/>: what the agent sees on the Failed receipt.
/// </summary>
public sealed record MetaErrorClass(
    int Code, string Meaning, MetaErrorKind Kind, bool Retryable, bool BackOff, GenesysReasonCode Reason);

/// <summary>
/// The one place that classifies WhatsApp Cloud API error codes (meanings from Meta's error-codes page; names as in
/// pywa's error map), for synchronous Graph errors and for <c>errors[]</c> on failed statuses alike.
/// </summary>
public static class MetaErrorCatalog
{
    private static readonly Dictionary<int, MetaErrorClass> Table = new MetaErrorClass[]
    {
        new(0, "Authentication failed", MetaErrorKind.Authentication, false, false, GenesysReasonCode.GeneralError),
        new(190, "Access token expired or invalid", MetaErrorKind.Authentication, false, false, GenesysReasonCode.GeneralError),
        new(4, "App API call rate limit reached", MetaErrorKind.RateLimit, true, true, GenesysReasonCode.RateLimited),
        new(80007, "WhatsApp Business Account rate limit reached", MetaErrorKind.RateLimit, true, true, GenesysReasonCode.RateLimited),
        new(130429, "Cloud API throughput exceeded", MetaErrorKind.RateLimit, true, true, GenesysReasonCode.RateLimited),
        new(131056, "Too many messages to this customer in a short time (pair rate limit)", MetaErrorKind.RateLimit, true, true, GenesysReasonCode.RateLimited),
        new(131057, "Account is in throughput upgrade", MetaErrorKind.RateLimit, true, true, GenesysReasonCode.RateLimited),
        new(131048, "Spam rate limit hit (message quality)", MetaErrorKind.RateLimit, false, false, GenesysReasonCode.RateLimited),
        new(131047, "More than 24 hours since the customer last replied; a template is needed", MetaErrorKind.WindowExpired, false, false, GenesysReasonCode.MessageExpired),
        new(131026, "Message undeliverable to this customer", MetaErrorKind.Recipient, false, false, GenesysReasonCode.InvalidDestination),
        new(131062, "This message cannot be sent to a business-scoped user id", MetaErrorKind.Recipient, false, false, GenesysReasonCode.InvalidDestination),
        new(131049, "Meta chose not to deliver this message (ecosystem protection); retry later", MetaErrorKind.Policy, true, true, GenesysReasonCode.MessageNotAllowed),
        new(130472, "Customer's number is part of an experiment", MetaErrorKind.Policy, false, false, GenesysReasonCode.MessageNotAllowed),
        new(368, "Temporarily blocked for policy violations", MetaErrorKind.Policy, false, false, GenesysReasonCode.MessageNotAllowed),
        new(131031, "Business account locked", MetaErrorKind.Policy, false, false, GenesysReasonCode.MessageNotAllowed),
        new(131051, "Unsupported message type", MetaErrorKind.UnsupportedMessage, false, false, GenesysReasonCode.UnsupportedMessage),
        new(131052, "Media download error", MetaErrorKind.Media, false, false, GenesysReasonCode.GeneralError),
        new(131053, "Media upload error (unsupported or invalid media)", MetaErrorKind.Media, false, false, GenesysReasonCode.MediaTypeNotAllowed),
        new(131014, "Media URL could not be fetched", MetaErrorKind.Media, false, false, GenesysReasonCode.GeneralError),
        new(131008, "Required parameter is missing", MetaErrorKind.InvalidRequest, false, false, GenesysReasonCode.InvalidMessageStructure),
        new(131009, "Parameter value is not valid", MetaErrorKind.InvalidRequest, false, false, GenesysReasonCode.InvalidMessageStructure),
        new(132000, "Template parameter count mismatch", MetaErrorKind.Template, false, false, GenesysReasonCode.InvalidMessageStructure),
        new(132001, "Template does not exist or is not approved", MetaErrorKind.Template, false, false, GenesysReasonCode.InvalidMessageStructure),
        new(132015, "Template is paused for low quality", MetaErrorKind.Template, false, false, GenesysReasonCode.MessageNotAllowed),
        new(132016, "Template is disabled for low quality", MetaErrorKind.Template, false, false, GenesysReasonCode.MessageNotAllowed),
        new(131000, "Something went wrong at Meta", MetaErrorKind.Transient, true, false, GenesysReasonCode.ServerError),
        new(1, "Unknown API error", MetaErrorKind.Transient, true, false, GenesysReasonCode.ServerError),
        new(2, "Temporary API service error", MetaErrorKind.Transient, true, false, GenesysReasonCode.ServerError),
    }.ToDictionary(c => c.Code);

    /// <summary>Every code we know, for documentation and tests.</summary>
    public static IReadOnlyCollection<MetaErrorClass> All => Table.Values;

    /// <summary>An unknown code is not retried (we cannot know it is safe) and shows as GeneralError.</summary>
    public static MetaErrorClass Classify(int code) =>
        Table.TryGetValue(code, out var known)
            ? known
            : new MetaErrorClass(code, "Unknown WhatsApp error", MetaErrorKind.Unknown, false, false,
                GenesysReasonCode.GeneralError);

    /// <summary>The text an agent sees: Meta's own words first, then our meaning, always with the code.</summary>
    public static string Describe(MetaError error)
    {
        var meaning = Classify(error.Code).Meaning;
        var title = string.IsNullOrWhiteSpace(error.Title) ? meaning : error.Title;
        var details = error.ErrorData?.Details ?? error.Details;
        return string.IsNullOrWhiteSpace(details) || details == title
            ? $"WhatsApp error {error.Code}: {title}"
            : $"WhatsApp error {error.Code}: {title}. {details}";
    }

    public static string Describe(MetaGraphError error) => Describe(new MetaError
    {
        Code = error.Code,
        Title = error.ErrorUserTitle ?? StripCodePrefix(error.Message),
        Details = error.ErrorData?.Details ?? error.ErrorUserMsg,
    });

    // Graph messages look like "(#131047) Re-engagement message"; the code is already in our text.
    private static string? StripCodePrefix(string? message) =>
        message is not null && message.StartsWith("(#", StringComparison.Ordinal) && message.IndexOf(") ", StringComparison.Ordinal) is var end and > 0
            ? message[(end + 2)..]
            : message;
}
