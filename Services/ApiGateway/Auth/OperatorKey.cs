using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace WhatsAppGenesys.ApiGateway.Auth;

/// <summary>The operator key, compared in constant time (hashes of equal length, so neither length nor content leaks through timing).</summary>
public sealed class OperatorKey(IOptionsMonitor<GatewayOptions> options)
{
    public bool Matches(string presented) =>
        options.CurrentValue.AdminApiKey is { Length: > 0 } admin &&
        CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(admin)));
}
