namespace WhatsAppGenesys.MetaSandbox.Model;

// A WhatsApp Business Account with its Meta app credentials and webhook subscription.
public sealed record Business(
    string WabaId,
    IReadOnlyList<string> PhoneNumberIds,
    string DisplayPhoneNumber,
    string AccessToken,
    string AppSecret,
    string VerifyToken,
    string? WebhookUrl)
{
    // Webhook metadata carries the display number as bare digits (e.g. "15550783881").
    public string DisplayPhoneDigits { get; } = new(DisplayPhoneNumber.Where(char.IsAsciiDigit).ToArray());
}
