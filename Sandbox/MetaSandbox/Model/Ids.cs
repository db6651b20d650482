using System.Security.Cryptography;
using System.Text;

namespace WhatsAppGenesys.MetaSandbox.Model;

// Identifiers shaped like Meta's, so callers that log, parse or size-check them meet realistic values.
public static class Ids
{
    // A wamid is base64 of a small protobuf-like record: the customer's number, a direction marker and a hex id,
    // e.g. wamid.HBgLMTY1MDUwNzY1MjAVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA.
    public static string NewWamid(string customer, bool inbound)
    {
        var number = Encoding.ASCII.GetBytes(customer.Length > 60 ? customer[..60] : customer);
        var id = Encoding.ASCII.GetBytes(Convert.ToHexString(RandomNumberGenerator.GetBytes(10)));
        var bytes = new List<byte>(number.Length + id.Length + 10) { 0x1C, 0x18, (byte)number.Length };
        bytes.AddRange(number);
        bytes.AddRange([0x15, 0x02, 0x00, inbound ? (byte)0x12 : (byte)0x11, 0x18, (byte)id.Length]);
        bytes.AddRange(id);
        bytes.Add(0x00);
        return "wamid." + Convert.ToBase64String([.. bytes]);
    }

    // Media ids are 15–16 digit numbers.
    public static string NewMediaId() =>
        Random.Shared.NextInt64(100_000_000_000_000, 9_999_999_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    // WABA, phone number and business portfolio ids are 15-digit numbers.
    public static string NewObjectId() =>
        Random.Shared.NextInt64(100_000_000_000_000, 999_999_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    // Letters and digits only, so the value needs no escaping in a URL, a header or a script.
    public static string NewOpaque(string prefix, int randomBytes) =>
        prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(randomBytes)).TrimEnd('=').Replace('+', 'A').Replace('/', 'Z');

    public static string NewConversationId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public static string NewFbTraceId() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(16))[..23].Replace('+', '-').Replace('/', '_');
}
