using System.Buffers.Text;
using System.Security.Cryptography;

namespace WhatsAppGenesys.RcsSandbox.Wire;

/// <summary>Identifiers shaped like the ones in RBM's examples, so callers that log or size-check them meet realistic values.</summary>
public static class Ids
{
    /// <summary>A user message id, assigned by the user's RCS client (RBM examples: "Mx…", 22 URL-safe characters).</summary>
    public static string NewUserMessageId() => "Mx" + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));

    /// <summary>An event id (RBM examples: "Ms6oOiEli6QS-fe8QFrmhfIg").</summary>
    public static string NewEventId() => "Ms" + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));

    /// <summary>A Pub/Sub message id: a decimal number, unique per topic.</summary>
    public static string NewPubSubMessageId() =>
        Random.Shared.NextInt64(1_000_000_000_000_000, 9_999_999_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Opaque tokens: URL-safe, so they need no escaping in a header, a form or a URL.</summary>
    public static string NewToken(string prefix, int randomBytes = 32) => prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(randomBytes));

    public static string NewFileId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
