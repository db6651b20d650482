namespace WhatsAppGenesys.MetaSandbox.EmbeddedSignup;

// What the popup posts to window.opener, each as a JSON string (Meta posts its session info as a string the listener
// JSON.parses). First Meta's session-info message, then SANDBOX_FB_LOGIN, which stands for the FB.login callback the
// real SDK calls with {authResponse:{code}, status}: the opener cannot get a callback from a page it did not load
// the SDK for, so it listens for this message instead.
public static class SignupMessages
{
    public const string SessionInfoType = "WA_EMBEDDED_SIGNUP";
    public const string LoginType = "SANDBOX_FB_LOGIN";

    // The step a cancelled popup reports; the sandbox popup has the one.
    public const string CancelStep = "WABA_PHONE_NUMBER_SETUP";

    public static object Finished(SignupSession s) => new Dictionary<string, object?>
    {
        ["data"] = new Dictionary<string, object?>
        {
            ["phone_number_id"] = s.PhoneNumberId,
            ["waba_id"] = s.WabaId,
            ["business_id"] = s.BusinessId,
        },
        ["type"] = SessionInfoType,
        ["event"] = "FINISH",
        ["version"] = s.SessionInfoVersion,
    };

    public static object Cancelled(SignupSession s) => new Dictionary<string, object?>
    {
        ["data"] = new Dictionary<string, object?> { ["current_step"] = CancelStep },
        ["type"] = SessionInfoType,
        ["event"] = "CANCEL",
        ["version"] = s.SessionInfoVersion,
    };

    public static object LoggedIn(SignupSession s) => new Dictionary<string, object?>
    {
        ["type"] = LoginType,
        ["status"] = "connected",
        ["authResponse"] = new Dictionary<string, object?> { ["code"] = s.Code },
    };

    // FB.login's callback gets no authResponse when the user closes the dialog.
    public static object NotLoggedIn() => new Dictionary<string, object?>
    {
        ["type"] = LoginType,
        ["status"] = "unknown",
        ["authResponse"] = null,
    };
}
