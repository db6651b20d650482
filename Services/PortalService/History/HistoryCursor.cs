using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.WebUtilities;

namespace WhatsAppGenesys.PortalService.History;

/// <summary>
/// Where a page of history ended: the last row's provider time and id (the keyset the next page continues after).
/// Opaque to clients: a version byte, microseconds since the Unix epoch (PostgreSQL's precision) and the row id,
/// Base64url-encoded. Anything else is refused, so a mangled cursor is a 400, never a silently different page.
/// </summary>
public readonly record struct HistoryCursor(DateTimeOffset OccurredAt, long Id)
{
    private const byte Version = 1;
    private const int Length = 17;

    public string Encode()
    {
        Span<byte> bytes = stackalloc byte[Length];
        bytes[0] = Version;
        BinaryPrimitives.WriteInt64BigEndian(bytes[1..], (OccurredAt.UtcTicks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMicrosecond);
        BinaryPrimitives.WriteInt64BigEndian(bytes[9..], Id);
        return WebEncoders.Base64UrlEncode(bytes.ToArray());
    }

    public static bool TryDecode(string? text, [NotNullWhen(true)] out HistoryCursor? cursor)
    {
        cursor = null;
        if (string.IsNullOrEmpty(text) || text.Length > 64)
        {
            return false;
        }
        byte[] bytes;
        try
        {
            bytes = WebEncoders.Base64UrlDecode(text);
        }
        catch (FormatException)
        {
            return false;
        }
        if (bytes.Length != Length || bytes[0] != Version)
        {
            return false;
        }
        var micros = BinaryPrimitives.ReadInt64BigEndian(bytes.AsSpan(1));
        var id = BinaryPrimitives.ReadInt64BigEndian(bytes.AsSpan(9));
        var maxMicros = (DateTime.MaxValue.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMicrosecond;
        var minMicros = -DateTime.UnixEpoch.Ticks / TimeSpan.TicksPerMicrosecond;
        if (id <= 0 || micros < minMicros || micros > maxMicros)
        {
            return false;
        }
        cursor = new HistoryCursor(new DateTimeOffset(DateTime.UnixEpoch.Ticks + micros * TimeSpan.TicksPerMicrosecond, TimeSpan.Zero), id);
        return true;
    }
}
