namespace WhatsAppGenesys.PortalService.Campaigns;

/// <summary>
/// The sends one campaign has in flight, at most <c>limit</c> at a time. One send takes several round trips (the
/// recipient's claim, the WhatsApp API service and Meta, the sent mark, the ledger row), so sending one after the
/// other would cap a campaign at one over that latency, well under a number's 80 messages a second. The loop that
/// starts sends reads what they came to: a send that says stop (paused, cancelled, throttled) or wait (spam rate
/// limit) ends the page; a send that threw stops the campaign once the others are done.
/// </summary>
public sealed class SendsInFlight(int limit) : IAsyncDisposable
{
    private readonly SemaphoreSlim _slots = new(limit, limit);
    // Touched only by the campaign's loop.
    private readonly List<Task> _running = [];
    private int _stop;
    private int _wait;
    private int _sent;

    /// <summary>A send asked the page to end (or threw): start no more until <see cref="DrainAsync"/>.</summary>
    public bool StopRequested => Volatile.Read(ref _stop) == 1 || WaitRequested;

    /// <summary>A send put the whole campaign in waiting.</summary>
    public bool WaitRequested => Volatile.Read(ref _wait) == 1;

    /// <summary>Whether any send since the last <see cref="DrainAsync"/> reached Meta.</summary>
    public bool AnySent => Volatile.Read(ref _sent) == 1;

    /// <summary>Starts a send once a slot is free; returns when it has started, not when it is done.</summary>
    public async Task StartAsync(Func<Task<SendOutcome>> send, CancellationToken ct)
    {
        await _slots.WaitAsync(ct);
        _running.RemoveAll(t => t.IsCompletedSuccessfully);
        _running.Add(RunAsync(send));
    }

    /// <summary>Waits for every send in flight and rethrows what one threw; then the stop and sent signals start afresh (wait stays).</summary>
    public async Task DrainAsync()
    {
        try
        {
            await Task.WhenAll(_running);
        }
        finally
        {
            _running.Clear();
            Volatile.Write(ref _stop, 0);
            Volatile.Write(ref _sent, 0);
        }
    }

    /// <summary>On the way out whatever happened: no send outlives the campaign's run (and its lease).</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await Task.WhenAll(_running);
        }
        catch
        {
            // The run already ends on its own error or cancellation; a send's failure is logged by its caller's outcome.
        }
        _slots.Dispose();
    }

    private async Task RunAsync(Func<Task<SendOutcome>> send)
    {
        try
        {
            switch (await send())
            {
                case SendOutcome.Sent:
                    Volatile.Write(ref _sent, 1);
                    break;
                case SendOutcome.Stop:
                    Volatile.Write(ref _stop, 1);
                    break;
                case SendOutcome.Wait:
                    Volatile.Write(ref _wait, 1);
                    break;
            }
        }
        catch
        {
            Volatile.Write(ref _stop, 1);
            throw;
        }
        finally
        {
            _slots.Release();
        }
    }
}
