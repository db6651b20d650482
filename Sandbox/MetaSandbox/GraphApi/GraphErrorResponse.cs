using System.Text.Json.Serialization;
using WhatsAppGenesys.MetaSandbox.Model;

namespace WhatsAppGenesys.MetaSandbox.GraphApi;

// {"error":{"message","type","code","error_data":{"messaging_product","details"},"error_subcode"?,"is_transient"?,
// "error_user_title"?,"error_user_msg"?,"fbtrace_id"}}; the user texts and is_transient come with template errors,
// and error_data only with WhatsApp calls.
public sealed record GraphErrorResponse([property: JsonPropertyName("error")] GraphErrorBody Error)
{
    public static IResult From(MetaError error, int? retryAfterSeconds = null)
    {
        var body = new GraphErrorResponse(new GraphErrorBody(error.GraphMessage, error.Type, error.Code,
            error.OutsideWhatsApp ? null : new GraphErrorData("whatsapp", error.Details), error.Subcode, Ids.NewFbTraceId())
        {
            IsTransient = error.UserTitle is null ? null : false,
            ErrorUserTitle = error.UserTitle,
            ErrorUserMsg = error.UserMessage,
        });
        var result = Results.Json(body, GraphJson.Options, statusCode: error.HttpStatus);
        return retryAfterSeconds is > 0 ? new WithRetryAfter(result, retryAfterSeconds.Value) : result;
    }

    private sealed class WithRetryAfter(IResult inner, int seconds) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return inner.ExecuteAsync(httpContext);
        }
    }
}

public sealed record GraphErrorBody(
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("code")] int Code,
    [property: JsonPropertyName("error_data")] GraphErrorData? ErrorData,
    [property: JsonPropertyName("error_subcode")] int? ErrorSubcode,
    [property: JsonPropertyName("fbtrace_id")] string FbTraceId)
{
    [JsonPropertyName("is_transient")] public bool? IsTransient { get; init; }
    [JsonPropertyName("error_user_title")] public string? ErrorUserTitle { get; init; }
    [JsonPropertyName("error_user_msg")] public string? ErrorUserMsg { get; init; }
}

public sealed record GraphErrorData(
    [property: JsonPropertyName("messaging_product")] string MessagingProduct,
    [property: JsonPropertyName("details")] string Details);
