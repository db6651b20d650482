using System.Text;
using WhatsAppGenesys.MetaSandbox.GraphApi;

namespace WhatsAppGenesys.MetaSandbox.EmbeddedSignup;

// GET /{version}/{waba-id}/phone_numbers with the WABA's token: its numbers in one page,
// {data:[{verified_name, code_verification_status, display_phone_number, quality_rating, platform_type, throughput, id}],
// paging:{cursors:{before, after}}}. A signed-up number is VERIFIED (the popup stands for Meta's verification step)
// and becomes platform_type CLOUD_API once registered; numbers configured outside a signup are already on Cloud API.
public static class PhoneNumbersApi
{
    private const string UnnamedBusiness = "Sandbox Business";

    public static IResult List(string wabaId, HttpRequest request, [AsParameters] SignupServices services)
    {
        if (GraphAuth.AuthorizeWaba(request, services.Businesses, wabaId, out var business) is { } authError)
        {
            return GraphErrorResponse.From(authError);
        }
        var signup = services.Signups.FindByWabaId(wabaId);
        var numbers = business.PhoneNumberIds.Select(id => new
        {
            verified_name = signup?.VerifiedName ?? UnnamedBusiness,
            code_verification_status = "VERIFIED",
            display_phone_number = business.DisplayPhoneNumber,
            quality_rating = "GREEN",
            platform_type = signup is null || services.Records.RegisteredAt(id) is not null ? "CLOUD_API" : "NOT_APPLICABLE",
            throughput = new { level = "STANDARD" },
            id,
        }).ToList();
        return Results.Json(new
        {
            data = numbers,
            paging = new { cursors = new { before = Cursor(numbers[0].id), after = Cursor(numbers[^1].id) } },
        }, GraphJson.Options);
    }

    private static string Cursor(string id) => Convert.ToBase64String(Encoding.UTF8.GetBytes(id)).TrimEnd('=');
}
