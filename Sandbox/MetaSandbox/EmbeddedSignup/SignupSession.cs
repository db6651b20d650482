namespace WhatsAppGenesys.MetaSandbox.EmbeddedSignup;

public enum SignupState
{
    Pending,
    Finished,
    Cancelled,
}

// One run of the signup popup. The WABA, phone number and business portfolio ids are reserved when the popup opens,
// so the page can show them; the business exists for the rest of the simulator only once the user pressed Continue.
// The access token is minted then too and only handed out through the code exchange.
public sealed class SignupSession
{
    public required string Id { get; init; }
    public required string AppId { get; init; }
    public required string ConfigId { get; init; }
    public required string Origin { get; init; }
    public required string SessionInfoVersion { get; init; }
    public required string WabaId { get; init; }
    public required string PhoneNumberId { get; init; }
    public required string BusinessId { get; init; }
    public required string DisplayPhoneNumber { get; init; }
    public required DateTimeOffset StartedAt { get; init; }

    public SignupState State { get; set; }
    public string VerifiedName { get; set; } = "";
    public string? Code { get; set; }
    public DateTimeOffset? CodeExpiresAt { get; set; }
    public bool CodeUsed { get; set; }
    public string? AccessToken { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public DateTimeOffset? TokenIssuedAt { get; set; }
}
