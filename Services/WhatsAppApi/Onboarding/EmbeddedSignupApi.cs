using System.Text.RegularExpressions;
using WhatsAppGenesys.Contracts.Tenancy;

namespace WhatsAppGenesys.WhatsAppApi.Onboarding;

/// <summary>Embedded Signup's server side, for the onboarding wizard. Public only through the gateway's operator route.</summary>
public static partial class EmbeddedSignupApi
{
    public static IEndpointRouteBuilder MapEmbeddedSignupApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/admin/whatsapp/embedded-signup", CompleteAsync).WithTags("Admin")
            .WithSummary("Complete WhatsApp Embedded Signup: exchange the code, check the grant, subscribe our app, register the number (operator only)")
            .Produces<EmbeddedSignupResult>().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status502BadGateway).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    private static async Task<IResult> CompleteAsync(EmbeddedSignupRequest request, EmbeddedSignupCompletion completion,
        Microsoft.Extensions.Options.IOptions<MetaAppOptions> app, CancellationToken ct)
    {
        if (!app.Value.IsConfigured)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Embedded Signup is not configured",
                detail: "Set Meta:App:AppId and Meta:App:AppSecret (the platform's Meta app) on whatsapp-api.");
        }
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Code))
        {
            errors["code"] = ["The authorization code from the signup popup is required."];
        }
        if (request.WabaId is null || !NumericId().IsMatch(request.WabaId))
        {
            errors["wabaId"] = ["The WhatsApp Business Account id from the signup popup is required."];
        }
        if (request.PhoneNumberId is null || !NumericId().IsMatch(request.PhoneNumberId))
        {
            errors["phoneNumberId"] = ["The phone number id from the signup popup is required."];
        }
        if (request.Pin is null || !Pin().IsMatch(request.Pin))
        {
            errors["pin"] = ["The two-step verification PIN is six digits."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        try
        {
            return TypedResults.Ok(await completion.CompleteAsync(request.Code!, request.WabaId!, request.PhoneNumberId!, request.Pin!, ct));
        }
        catch (EmbeddedSignupFailure failure)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status502BadGateway, title: "Meta refused the signup", detail: failure.Message,
                extensions: new Dictionary<string, object?> { ["step"] = failure.Step });
        }
    }

    [GeneratedRegex("^[0-9]{5,20}$")]
    private static partial Regex NumericId();

    [GeneratedRegex("^[0-9]{6}$")]
    private static partial Regex Pin();
}
