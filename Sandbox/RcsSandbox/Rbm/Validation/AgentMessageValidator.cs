using System.Text.Json;
using System.Text.RegularExpressions;
using WhatsAppGenesys.RcsSandbox.Wire;

namespace WhatsAppGenesys.RcsSandbox.Rbm.Validation;

/// <summary>What kind of content an accepted agent message carried.</summary>
public sealed record ContentSummary(string Kind, int Suggestions);

/// <summary>
/// The AgentMessage body of phones.agentMessages.create: <c>contentMessage</c> with exactly one of text (≤ 3072
/// characters), contentInfo, richCard (or the uploaded-file forms, not simulated), plus up to 11 suggestions; and at
/// most one of expireTime / ttl. Output-only fields (name, sendTime, …) are accepted and ignored, as Google does.
/// </summary>
public static partial class AgentMessageValidator
{
    public const string RootPath = "agent_message";

    public static GoogleError? Validate(JsonElement root, out ContentSummary? summary)
    {
        summary = null;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return GoogleError.InvalidArgument("Invalid JSON payload received. Expected an object at the top level.", RootPath);
        }
        var message = new ProtoReader(root, RootPath);
        message.OnlyKnown("name", "sendTime", "contentMessage", "messageTrafficType", "richMessageClassification", "totalPayloadSizeBytes",
            "carrier", "expireTime", "ttl");
        message.OneOf("expiration", "expireTime", "ttl");
        message.Timestamp("expireTime");
        var ttl = message.String("ttl");
        if (!message.Failed && ttl is not null && !Duration().IsMatch(ttl))
        {
            message.Fail(GoogleError.InvalidArgument(
                $"Invalid value at '{message.Field("ttl")}' (type.googleapis.com/google.protobuf.Duration), \"{ttl}\"", message.Field("ttl")));
        }
        message.String("messageTrafficType");
        var content = message.Object("contentMessage");
        message.Require("contentMessage", content);
        if (message.Failed)
        {
            return message.Error;
        }

        var kind = ContentMessage(content!);
        var suggestions = SuggestionValidator.ValidateList(content!, RbmLimits.MessageSuggestionsMax);
        if (message.Failed)
        {
            return message.Error;
        }
        summary = new ContentSummary(kind!, suggestions);
        return null;
    }

    private static string? ContentMessage(ProtoReader content)
    {
        content.OnlyKnown("text", "fileName", "uploadedRbmFile", "richCard", "contentInfo", "suggestions");
        var kind = content.OneOf("content", "text", "fileName", "uploadedRbmFile", "richCard", "contentInfo");
        if (content.Failed)
        {
            return null;
        }
        switch (kind)
        {
            case null:
                content.Fail(GoogleError.InvalidArgument(
                    $"'{content.Path}' must set one of text, fileName, uploadedRbmFile, richCard or contentInfo.", content.Path));
                return null;
            case "text":
                var text = content.String("text");
                content.Require("text", text);
                content.MaxLength("text", text, RbmLimits.TextMaxCharacters);
                return "text";
            case "contentInfo":
                if (content.Object("contentInfo") is { } contentInfo)
                {
                    ContentInfoValidator.Validate(contentInfo);
                }
                return "file";
            case "richCard":
                return content.Object("richCard") is { } richCard ? RichCardValidator.Validate(richCard) : null;
            default:
                ContentInfoValidator.RejectUploadedFile(content, kind);
                return null;
        }
    }

    [GeneratedRegex(@"^-?\d+(\.\d{1,9})?s$", RegexOptions.CultureInvariant)]
    private static partial Regex Duration();
}
