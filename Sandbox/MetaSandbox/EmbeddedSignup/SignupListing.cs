namespace WhatsAppGenesys.MetaSandbox.EmbeddedSignup;

// GET /sandbox/embedded-signups: every signup, oldest first, with what the partner did next, so an end-to-end test
// can assert the onboarding happened: the code exchanged, the app subscribed, the number registered. No secrets.
public static class SignupListing
{
    public static IResult List(SignupStore signups, OnboardingRecords records) =>
        Results.Json(signups.All().Select(s => Describe(s, records)));

    public static object Describe(SignupSession s, OnboardingRecords records)
    {
        var subscribedAt = records.SubscribedAt(s.WabaId);
        var registeredAt = records.RegisteredAt(s.PhoneNumberId);
        return new
        {
            id = s.Id,
            state = s.State,
            appId = s.AppId,
            configId = s.ConfigId,
            origin = s.Origin,
            businessId = s.BusinessId,
            wabaId = s.WabaId,
            phoneNumberId = s.PhoneNumberId,
            displayPhoneNumber = s.DisplayPhoneNumber,
            verifiedName = s.VerifiedName,
            startedAt = s.StartedAt,
            finishedAt = s.FinishedAt,
            codeExchanged = s.CodeUsed,
            tokenIssuedAt = s.TokenIssuedAt,
            subscribed = subscribedAt is not null,
            subscribedAt,
            registered = registeredAt is not null,
            registeredAt,
        };
    }
}
