namespace WhatsAppGenesys.Contracts.Tenancy;

// Completing WhatsApp Embedded Signup for a business being onboarded: POST /api/admin/whatsapp/embedded-signup (operator).

/// <param name="Code">The authorization code Meta's signup popup returned (single use, short-lived).</param>
/// <param name="WabaId">The WhatsApp Business Account id from the popup's session-info message.</param>
/// <param name="PhoneNumberId">The phone number id from the same message.</param>
/// <param name="Pin">Six digits: the number's two-step verification PIN, set by registering it.</param>
public sealed record EmbeddedSignupRequest(string? Code, string? WabaId, string? PhoneNumberId, string? Pin)
{
    public override string ToString() => $"EmbeddedSignupRequest {{ WabaId = {WabaId}, PhoneNumberId = {PhoneNumberId} }}";
}

/// <summary>
/// The business's WhatsApp configuration, ready for the tenant: its number, the business token Meta issued for it, and
/// the secret Meta signs its webhooks with (our platform app's, since our app is the one subscribed to the WABA).
/// </summary>
public sealed record EmbeddedSignupResult(
    string WabaId,
    string PhoneNumberId,
    string? DisplayPhoneNumber,
    string? VerifiedName,
    string AccessToken,
    string AppSecret)
{
    public override string ToString() => $"EmbeddedSignupResult {{ WabaId = {WabaId}, PhoneNumberId = {PhoneNumberId} }}";
}
