namespace WhatsAppGenesys.AuthService.Tokens;

/// <summary>
/// Why no token can be issued, already phrased for the caller: becomes a problem-details response. Messages name
/// the tenant and the region, never a secret, and no stack trace ever leaves the service.
/// </summary>
public sealed class TokenFailureException(int status, string title, string detail) : Exception(detail)
{
    public int Status { get; } = status;

    public string Title { get; } = title;

    public TokenFailure ToRecord() => new(Status, Title, Message);

    public IResult ToProblem() => TypedResults.Problem(statusCode: Status, title: Title, detail: Message);

    public static TokenFailureException From(TokenFailure failure) => new(failure.Status, failure.Title, failure.Detail);
}

/// <summary>A failure as shared through Redis with the other waiters of the same burst.</summary>
public sealed record TokenFailure(int Status, string Title, string Detail);
