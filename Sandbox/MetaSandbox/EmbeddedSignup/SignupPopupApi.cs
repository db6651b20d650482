using Microsoft.Extensions.Options;

namespace WhatsAppGenesys.MetaSandbox.EmbeddedSignup;

// The stand-in for the window FB.login opens for Embedded Signup, under /sandbox:
//   GET  /sandbox/embedded-signup?app_id&config_id&origin[&session_info_version][&business_name]  the page
//   POST /sandbox/embedded-signup/{id}/finish {verifiedName?}  Continue: {sessionInfo, login} to post to the opener
//   POST /sandbox/embedded-signup/{id}/cancel                  Cancel: the same two, for a cancelled signup
//   GET  /sandbox/embedded-signups                             every signup and what followed it
public static class SignupPopupApi
{
    public const string PagePath = "/embedded-signup";

    public static RouteGroupBuilder MapEmbeddedSignupControl(this RouteGroupBuilder sandbox)
    {
        sandbox.MapGet(PagePath, Open);
        sandbox.MapPost(PagePath + "/{id}/finish", Finish);
        sandbox.MapPost(PagePath + "/{id}/cancel", Cancel);
        sandbox.MapGet("/embedded-signups", SignupListing.List);
        return sandbox;
    }

    private static IResult Open(HttpRequest request, SignupStore signups, IOptions<MetaSandboxOptions> options)
    {
        var query = request.Query;
        var appId = query["app_id"].ToString();
        var configId = query["config_id"].ToString();
        var version = query["session_info_version"].ToString();
        if (appId != options.Value.AppId)
        {
            return Page(SignupPopupPage.Error("Invalid App ID: the app_id parameter is not this app's ID."), StatusCodes.Status400BadRequest);
        }
        if (configId.Length == 0)
        {
            return Page(SignupPopupPage.Error("The config_id parameter is required."), StatusCodes.Status400BadRequest);
        }
        if (!TryOrigin(query["origin"].ToString(), out var origin))
        {
            return Page(SignupPopupPage.Error("The origin parameter must be an http or https origin, like https://admin.example.com."),
                StatusCodes.Status400BadRequest);
        }
        var session = signups.Start(appId, configId, origin, version.Length > 0 ? version : "3");
        var businessName = query["business_name"].ToString();
        if (businessName.Trim().Length > 0)
        {
            session.VerifiedName = businessName.Trim();
        }
        var basePath = request.PathBase + "/sandbox" + PagePath;
        return Page(SignupPopupPage.Render(session, options.Value.AppName, basePath), StatusCodes.Status200OK);
    }

    private static IResult Finish(string id, FinishRequest? request, SignupStore signups) =>
        signups.Finish(id, request?.VerifiedName) is { } session
            ? Results.Json(new { sessionInfo = SignupMessages.Finished(session), login = SignupMessages.LoggedIn(session) })
            : Answered(id, signups);

    private static IResult Cancel(string id, SignupStore signups) =>
        signups.Cancel(id) is { } session
            ? Results.Json(new { sessionInfo = SignupMessages.Cancelled(session), login = SignupMessages.NotLoggedIn() })
            : Answered(id, signups);

    private static IResult Answered(string id, SignupStore signups) => signups.Find(id) is null
        ? Results.NotFound()
        : Results.Problem("This signup was already finished or cancelled.", statusCode: StatusCodes.Status409Conflict);

    // postMessage's target origin: scheme, host and port, nothing else.
    private static bool TryOrigin(string value, out string origin)
    {
        origin = "";
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") ||
            uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
        {
            return false;
        }
        origin = uri.GetLeftPart(UriPartial.Authority);
        return true;
    }

    private static IResult Page(string html, int status) =>
        Results.Content(html, "text/html; charset=utf-8", System.Text.Encoding.UTF8, status);

    public sealed record FinishRequest(string? VerifiedName);
}
