using System.Security.Cryptography;
using System.Text;

namespace WhatsAppGenesys.GenesysSandbox.Model;

/// <summary>
/// GUIDs derived from text (the first 16 bytes of SHA-256 of its UTF-8), so ids the simulator makes up stay the same
/// across restarts and between test runs.
/// </summary>
public static class StableGuid
{
    public static string From(string text) =>
        new Guid(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 16)).ToString("D");
}
