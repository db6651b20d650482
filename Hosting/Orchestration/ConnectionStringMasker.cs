using System.Text.RegularExpressions;

namespace WhatsAppGenesys.Hosting.Orchestration;

/// <summary>Hides secrets in connection strings before they are printed (the start-up table, error messages).</summary>
public static partial class ConnectionStringMasker
{
    public const string Mask = "***";

    public static string MaskSecrets(string connectionString)
    {
        var masked = SecretKeyValue().Replace(connectionString, m => $"{m.Groups["key"].Value}={Mask}");
        return UriPassword().Replace(masked, m => $"{m.Groups["scheme"].Value}://{m.Groups["user"].Value}:{Mask}@");
    }

    // Password=..., Pwd=..., SecretKey=... in ADO.NET / StackExchange.Redis (comma separated) strings.
    [GeneratedRegex(@"(?<key>\b(?:password|pwd|secretkey|secret))\s*=\s*[^;,]*", RegexOptions.IgnoreCase)]
    private static partial Regex SecretKeyValue();

    // amqp://user:password@host
    [GeneratedRegex(@"(?<scheme>[a-z][a-z0-9+.-]*)://(?<user>[^:/@\s]*):[^@/\s]*@", RegexOptions.IgnoreCase)]
    private static partial Regex UriPassword();
}
