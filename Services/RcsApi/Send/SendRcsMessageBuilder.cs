using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using WhatsAppGenesys.Contracts.Providers;

namespace WhatsAppGenesys.RcsApi.Send;

/// <summary>
/// Turns a <see cref="SendRcsMessageRequest"/> into RBM's <c>contentMessage</c>, or says which fields are wrong
/// (keys are the request's JSON paths). The limits are RBM's, checked here so a bad request is a 400 before the
/// provider is called.
/// </summary>
public static partial class SendRcsMessageBuilder
{
    public const int MaxTextLength = RbmLimits.TextLength;
    public const int MaxSuggestions = RbmLimits.Suggestions;
    public const int MaxSuggestionTextLength = RbmLimits.SuggestionTextLength;
    public const int MaxPostbackDataLength = RbmLimits.PostbackDataLength;

    public static (RcsOutgoingMessage? Message, Dictionary<string, string[]>? Errors) Build(SendRcsMessageRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (!IsMsisdn(request.To))
        {
            errors["to"] = ["The customer's number in E.164 with its '+', e.g. +15551234567."];
        }
        var given = (request.Text is not null ? 1 : 0) + (request.File is not null ? 1 : 0) + (request.RichCard is { ValueKind: not JsonValueKind.Null } ? 1 : 0);
        if (given != 1)
        {
            errors["text"] = ["Exactly one of text, file and richCard is required."];
        }

        var content = new JsonObject();
        var type = "text";
        if (request.Text is { } text)
        {
            if (text.Length == 0 || text.EnumerateRunes().Count() > MaxTextLength)
            {
                errors["text"] = [$"Between 1 and {MaxTextLength} characters."];
            }
            content["text"] = text;
        }
        if (request.File is { } file)
        {
            type = "file";
            if (!IsHttpUrl(file.Url))
            {
                errors["file.url"] = ["An absolute http(s) URL the provider can fetch."];
            }
            if (file.ThumbnailUrl is not null && !IsHttpUrl(file.ThumbnailUrl))
            {
                errors["file.thumbnailUrl"] = ["An absolute http(s) URL."];
            }
            var info = new JsonObject { ["fileUrl"] = file.Url };
            if (file.ThumbnailUrl is not null)
            {
                info["thumbnailUrl"] = file.ThumbnailUrl;
            }
            content["contentInfo"] = info;
        }
        if (request.RichCard is { ValueKind: not JsonValueKind.Null } card)
        {
            type = "richCard";
            if (card.ValueKind != JsonValueKind.Object)
            {
                errors["richCard"] = ["RBM's richCard object: a standaloneCard or a carouselCard."];
            }
            content["richCard"] = JsonNode.Parse(card.GetRawText());
        }
        if (request.Suggestions is { Count: > 0 } suggestions)
        {
            content["suggestions"] = Suggestions(suggestions, errors);
        }
        return errors.Count > 0 ? (null, errors) : (new RcsOutgoingMessage(request.To!, type, content, request.File), null);
    }

    public static bool IsMsisdn(string? value) => value is not null && Msisdn().IsMatch(value);

    private static JsonArray Suggestions(IReadOnlyList<RcsSuggestion> suggestions, Dictionary<string, string[]> errors)
    {
        if (suggestions.Count > MaxSuggestions)
        {
            errors["suggestions"] = [$"At most {MaxSuggestions}."];
        }
        var array = new JsonArray();
        for (var i = 0; i < suggestions.Count; i++)
        {
            var s = suggestions[i];
            var at = "suggestions[" + i.ToString(CultureInfo.InvariantCulture) + "]";
            if (string.IsNullOrEmpty(s.Text) || s.Text.EnumerateRunes().Count() > MaxSuggestionTextLength)
            {
                errors[at + ".text"] = [$"Between 1 and {MaxSuggestionTextLength} characters."];
            }
            var postback = s.PostbackData ?? s.Text ?? "";
            if (postback.Length > MaxPostbackDataLength)
            {
                errors[at + ".postbackData"] = [$"At most {MaxPostbackDataLength} characters."];
            }
            if (s.Url is not null && !IsHttpUrl(s.Url))
            {
                errors[at + ".url"] = ["An absolute http(s) URL."];
            }
            array.Add(s.Url is null
                ? new JsonObject { ["reply"] = new JsonObject { ["text"] = s.Text, ["postbackData"] = postback } }
                : new JsonObject
                {
                    ["action"] = new JsonObject
                    {
                        ["text"] = s.Text,
                        ["postbackData"] = postback,
                        ["openUrlAction"] = new JsonObject { ["url"] = s.Url },
                    },
                });
        }
        return array;
    }

    private static bool IsHttpUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    [GeneratedRegex(@"^\+[1-9][0-9]{6,14}$", RegexOptions.CultureInvariant)]
    private static partial Regex Msisdn();
}

/// <summary>A validated message: whom to, what kind, RBM's <c>contentMessage</c>, and the file it carries, if any.</summary>
public sealed record RcsOutgoingMessage(string To, string Type, JsonObject ContentMessage, RcsFile? File);
