namespace WhatsAppGenesys.TenantService.Tenants;

public enum StoreErrorKind
{
    NotFound,
    Invalid,
    Conflict,
    Inactive,
    NotConfigured,
}

/// <summary>Why a tenant operation did not happen; mapped to problem details at the HTTP edge only.</summary>
public sealed record StoreError(StoreErrorKind Kind, string Detail, string? Field = null, IDictionary<string, string[]>? Errors = null)
{
    public static StoreError NotFound(string tenantId) => new(StoreErrorKind.NotFound, $"Tenant '{tenantId}' was not found.");

    public static StoreError Invalid(IDictionary<string, string[]> errors) =>
        new(StoreErrorKind.Invalid, "One or more fields are invalid.", Errors: errors);

    public static StoreError Conflict(string field, string detail) => new(StoreErrorKind.Conflict, detail, field);

    public static StoreError Inactive(string tenantId) => new(StoreErrorKind.Inactive, $"Tenant '{tenantId}' is deactivated.");

    public static StoreError NotConfigured(string detail) => new(StoreErrorKind.NotConfigured, detail);

    public IResult ToHttpResult() => Kind switch
    {
        StoreErrorKind.Invalid => TypedResults.ValidationProblem(Errors ?? new Dictionary<string, string[]>(), detail: Detail),
        StoreErrorKind.NotFound => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: Detail),
        StoreErrorKind.Inactive => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Tenant deactivated", detail: Detail),
        StoreErrorKind.NotConfigured => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Not configured", detail: Detail),
        _ => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: Detail,
            extensions: Field is null ? null : new Dictionary<string, object?> { ["field"] = Field }),
    };
}

public readonly record struct StoreResult<T>(T? Value, StoreError? Error)
{
    public static implicit operator StoreResult<T>(T value) => new(value, null);

    public static implicit operator StoreResult<T>(StoreError error) => new(default, error);

    public IResult ToHttpResult(Func<T, IResult> onSuccess) => Error is null ? onSuccess(Value!) : Error.ToHttpResult();
}
