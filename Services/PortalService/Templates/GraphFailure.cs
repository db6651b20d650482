using System.Text.Json;
using WhatsAppGenesys.Contracts.Meta;

namespace WhatsAppGenesys.PortalService.Templates;

/// <summary>
/// Why a call to Meta's template endpoints did not succeed: Meta's HTTP status and error (code, subcode, the message
/// meant for the business), or that Meta or the tenant's token could not be reached (<see cref="HttpStatus"/> 0).
/// </summary>
public sealed record GraphFailure(int HttpStatus, int? Code, int? Subcode, string Message, string? UserTitle, string? UserMessage)
{
    public static GraphFailure Unreachable(string message) => new(0, null, null, message, null, null);

    public static GraphFailure From(int status, string payload)
    {
        MetaGraphError? error = null;
        try
        {
            error = JsonSerializer.Deserialize<MetaGraphErrorBody>(payload, MetaJson.Options)?.Error;
        }
        catch (JsonException)
        {
            // Not Graph's shape (a proxy's error page): the HTTP status says all there is.
        }
        return new GraphFailure(status, error?.Code, error?.ErrorSubcode, error?.Message ?? $"Meta answered {status}.", error?.ErrorUserTitle, error?.ErrorUserMsg);
    }

    /// <summary>
    /// As the portal answers it: Meta's own 4xx (a definition Meta refuses, an unknown name) with Meta's words and code;
    /// Meta refusing the tenant's token, Meta's 5xx and no answer at all as 502/503, since the caller did nothing wrong.
    /// </summary>
    public IResult ToProblem()
    {
        var extensions = new Dictionary<string, object?> { ["metaCode"] = Code, ["metaSubcode"] = Subcode, ["metaMessage"] = Message };
        return HttpStatus switch
        {
            0 => Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Meta could not be reached", detail: Message),
            401 or 403 => Results.Problem(statusCode: StatusCodes.Status502BadGateway, title: "Meta refused the tenant's access token",
                detail: Message, extensions: extensions),
            >= 400 and < 500 => Results.Problem(statusCode: HttpStatus, title: UserTitle ?? "Meta refused the request",
                detail: UserMessage ?? Message, extensions: extensions),
            _ => Results.Problem(statusCode: StatusCodes.Status502BadGateway, title: "Meta failed", detail: Message, extensions: extensions),
        };
    }
}
