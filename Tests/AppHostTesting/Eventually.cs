namespace WhatsAppGenesys.AppHostTesting;

public static class Eventually
{
    /// <summary>Polls until the condition holds; throws with <paramref name="describe"/> when the time is up.</summary>
    public static async Task TrueAsync(Func<bool> condition, TimeSpan timeout, Func<string> describe)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException(describe());
            }
            await Task.Delay(200);
        }
    }
}
