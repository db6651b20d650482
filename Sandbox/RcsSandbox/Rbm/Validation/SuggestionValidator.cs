using WhatsAppGenesys.RcsSandbox.Wire;

namespace WhatsAppGenesys.RcsSandbox.Rbm.Validation;

/// <summary>
/// Suggestions: each exactly one of <c>reply{text,postbackData}</c> or <c>action{text,postbackData,fallbackUrl?, one of
/// openUrlAction|dialAction|viewLocationAction|createCalendarEventAction|shareLocationAction}</c>; text at most 25
/// characters, postbackData at most 2048.
/// </summary>
public static class SuggestionValidator
{
    /// <summary>The <c>suggestions</c> list of <paramref name="parent"/>, at most <paramref name="max"/>; returns how many.</summary>
    public static int ValidateList(ProtoReader parent, int max)
    {
        var suggestions = parent.Objects("suggestions");
        if (suggestions is null)
        {
            return 0;
        }
        if (suggestions.Count > max)
        {
            parent.Fail(GoogleError.InvalidArgument(
                $"'{parent.Field("suggestions")}' has {suggestions.Count} suggestions; at most {max} are allowed.", parent.Field("suggestions")));
            return suggestions.Count;
        }
        foreach (var suggestion in suggestions)
        {
            Validate(suggestion);
            if (suggestion.Failed)
            {
                break;
            }
        }
        return suggestions.Count;
    }

    private static void Validate(ProtoReader suggestion)
    {
        suggestion.OnlyKnown("reply", "action");
        var kind = suggestion.OneOf("option", "reply", "action");
        if (suggestion.Failed)
        {
            return;
        }
        if (kind is null)
        {
            suggestion.Fail(GoogleError.InvalidArgument($"'{suggestion.Path}' must set reply or action.", suggestion.Path));
            return;
        }
        var body = suggestion.Object(kind);
        if (body is null)
        {
            return;
        }
        if (kind == "reply")
        {
            body.OnlyKnown("text", "postbackData");
            TextAndPostback(body);
        }
        else
        {
            Action(body);
        }
    }

    private static void Action(ProtoReader action)
    {
        action.OnlyKnown("text", "postbackData", "fallbackUrl", "openUrlAction", "dialAction", "viewLocationAction",
            "createCalendarEventAction", "shareLocationAction");
        TextAndPostback(action);
        var fallbackUrl = action.String("fallbackUrl");
        if (fallbackUrl is not null && !JsonShape.IsAbsoluteHttpUrl(fallbackUrl))
        {
            action.Fail(GoogleError.InvalidArgument($"'{action.Field("fallbackUrl")}' must be an absolute http(s) URL.", action.Field("fallbackUrl")));
        }
        var kind = action.OneOf("action", "openUrlAction", "dialAction", "viewLocationAction", "createCalendarEventAction", "shareLocationAction");
        if (action.Failed)
        {
            return;
        }
        if (kind is null)
        {
            action.Fail(GoogleError.InvalidArgument(
                $"'{action.Path}' must set one of openUrlAction, dialAction, viewLocationAction, createCalendarEventAction or shareLocationAction.",
                action.Path));
            return;
        }
        var body = action.Object(kind);
        if (body is null)
        {
            return;
        }
        switch (kind)
        {
            case "openUrlAction":
                OpenUrl(body);
                break;
            case "dialAction":
                Dial(body);
                break;
            case "viewLocationAction":
                ViewLocation(body);
                break;
            case "createCalendarEventAction":
                CalendarEvent(body);
                break;
            default:
                body.OnlyKnown();
                break;
        }
    }

    private static void TextAndPostback(ProtoReader suggestion)
    {
        var text = suggestion.String("text");
        var postbackData = suggestion.String("postbackData");
        suggestion.Require("text", text);
        suggestion.Require("postbackData", postbackData);
        suggestion.MaxLength("text", text, RbmLimits.SuggestionTextMaxCharacters);
        suggestion.MaxLength("postbackData", postbackData, RbmLimits.PostbackDataMaxCharacters);
    }

    private static void OpenUrl(ProtoReader body)
    {
        body.OnlyKnown("url", "application", "webviewViewMode", "description");
        var url = body.String("url");
        body.Enum("application", "OpenUrlApplication", "OPEN_URL_APPLICATION_UNSPECIFIED", "BROWSER", "WEBVIEW");
        body.Enum("webviewViewMode", "WebviewViewMode", "WEBVIEW_VIEW_MODE_UNSPECIFIED", "FULL", "HALF", "TALL");
        body.String("description");
        body.Require("url", url);
        if (!body.Failed && !Uri.TryCreate(url, UriKind.Absolute, out _))
        {
            body.Fail(GoogleError.InvalidArgument($"'{body.Field("url")}' must be an absolute URL.", body.Field("url")));
        }
    }

    private static void Dial(ProtoReader body)
    {
        body.OnlyKnown("phoneNumber");
        var number = body.String("phoneNumber");
        body.Require("phoneNumber", number);
        if (!body.Failed && !Msisdn.IsE164(number))
        {
            body.Fail(GoogleError.InvalidArgument($"'{body.Field("phoneNumber")}' must be in E.164 format, e.g. +12223334444.",
                body.Field("phoneNumber")));
        }
    }

    private static void ViewLocation(ProtoReader body)
    {
        body.OnlyKnown("latLong", "label", "query");
        body.String("label");
        var query = body.String("query");
        var latLong = body.Object("latLong");
        if (body.Failed)
        {
            return;
        }
        if (latLong is null && string.IsNullOrEmpty(query))
        {
            body.Fail(GoogleError.InvalidArgument($"'{body.Path}' must set latLong or query.", body.Path));
            return;
        }
        if (latLong is not null)
        {
            LatLngValidator.Validate(latLong);
        }
    }

    private static void CalendarEvent(ProtoReader body)
    {
        body.OnlyKnown("startTime", "endTime", "title", "description");
        var start = body.Timestamp("startTime");
        var end = body.Timestamp("endTime");
        var title = body.String("title");
        body.String("description");
        body.Require("startTime", start);
        body.Require("endTime", end);
        body.Require("title", title);
        if (!body.Failed && end < start)
        {
            body.Fail(GoogleError.InvalidArgument($"'{body.Field("endTime")}' must not be before startTime.", body.Field("endTime")));
        }
    }
}
