namespace WhatsAppGenesys.UnitTests.Messaging;

/// <summary>The highest value concurrent callers have seen: how many ran at once, how many lines existed at once.</summary>
internal static class InterlockedPeak
{
    public static void Raise(ref int peak, int value)
    {
        int current;
        while ((current = Volatile.Read(ref peak)) < value && Interlocked.CompareExchange(ref peak, value, current) != current)
        {
        }
    }
}
