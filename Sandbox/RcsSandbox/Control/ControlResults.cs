namespace WhatsAppGenesys.RcsSandbox.Control;

/// <summary>Control API errors: ProblemDetails, which is plainly not the provider's wire format.</summary>
public static class ControlResults
{
    public static IResult BadRequest(string detail) => Results.Problem(detail, statusCode: StatusCodes.Status400BadRequest);

    public static IResult NotFound(string detail) => Results.Problem(detail, statusCode: StatusCodes.Status404NotFound);
}
