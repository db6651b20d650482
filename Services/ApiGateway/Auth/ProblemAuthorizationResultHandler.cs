using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace WhatsAppGenesys.ApiGateway.Auth;

/// <summary>A refused caller gets a problem document saying why (the failed requirement's sentence), not an empty 403.</summary>
public sealed class ProblemAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (!authorizeResult.Forbidden)
        {
            return _default.HandleAsync(next, context, policy, authorizeResult);
        }
        var reason = authorizeResult.AuthorizationFailure?.FailureReasons.FirstOrDefault()?.Message ?? "This API key may not use this route.";
        return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: reason).ExecuteAsync(context);
    }
}
