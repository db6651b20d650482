using System.Text.Json.Serialization;

namespace WhatsAppGenesys.GenesysSandbox.Model;

/// <summary>Genesys Cloud's <c>ErrorBody</c>: every API error of the platform has this shape.</summary>
public sealed record ErrorBody(
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("status")] int Status,
    [property: JsonPropertyName("messageWithParams")] string MessageWithParams,
    [property: JsonPropertyName("messageParams")] IReadOnlyDictionary<string, string> MessageParams,
    [property: JsonPropertyName("contextId")] string ContextId,
    [property: JsonPropertyName("details")] IReadOnlyList<ErrorDetail> Details,
    [property: JsonPropertyName("errors")] IReadOnlyList<ErrorBody> Errors);

/// <summary>Genesys's <c>Detail</c> item: which field failed and why.</summary>
public sealed record ErrorDetail(
    [property: JsonPropertyName("errorCode")] string ErrorCode,
    [property: JsonPropertyName("fieldName")] string? FieldName);

/// <summary>The login host's OAuth error shape (not an ErrorBody), e.g. <c>{"error":"invalid_client","description":"client not found","error_description":"client not found"}</c>.</summary>
public sealed record OAuthError(
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("error_description")] string ErrorDescription);
