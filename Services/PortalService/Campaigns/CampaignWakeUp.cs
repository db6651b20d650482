namespace WhatsAppGenesys.PortalService.Campaigns;

/// <summary>
/// Lets the API wake this process's campaign scheduler when it creates or resumes a campaign, so the campaign starts
/// at once rather than at the next poll. The poll itself stays: it finds campaigns scheduled for a time, whose wait or
/// lease ran out, or that another replica's API created; between polls an idle scheduler costs nothing.
/// </summary>
public sealed class CampaignWakeUp
{
    private TaskCompletionSource _signal = NewSignal();

    /// <summary>Wakes the scheduler's current wait, or makes its next one return at once.</summary>
    public void Signal() => Volatile.Read(ref _signal).TrySetResult();

    /// <summary>
    /// Forgets a signal already acted on. The scheduler calls it before it looks for due campaigns, so a signal that
    /// arrives while it looks is kept for the wait after.
    /// </summary>
    public void Reset()
    {
        var current = Volatile.Read(ref _signal);
        if (current.Task.IsCompleted)
        {
            Interlocked.CompareExchange(ref _signal, NewSignal(), current);
        }
    }

    /// <summary>Waits for <paramref name="interval"/> or a signal, whichever comes first.</summary>
    public async Task WaitAsync(TimeSpan interval, TimeProvider clock, CancellationToken ct)
    {
        using var delay = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var woken = Volatile.Read(ref _signal).Task;
        var elapsed = Task.Delay(interval, clock, delay.Token);
        await Task.WhenAny(woken, elapsed);
        // Stops the delay's timer when the signal won; the outcome of the losing delay is not observed.
        await delay.CancelAsync();
        ct.ThrowIfCancellationRequested();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
