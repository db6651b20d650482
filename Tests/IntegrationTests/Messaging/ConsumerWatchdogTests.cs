using System.Diagnostics;
using WhatsAppGenesys.Messaging;
using WhatsAppGenesys.Messaging.Handling;

namespace WhatsAppGenesys.IntegrationTests.Messaging;

/// <summary>
/// The partition consumer's watchdog on the real broker: a handler that stops moving (a provider call that never
/// answers and has no timeout of its own) leaves its partition with work in hand and nothing finishing. After the
/// stall timeout the consumer abandons that subscription, so the hung call is cancelled and the broker hands the
/// delivery back, and the next attempt goes through: every message once, each customer in order.
/// </summary>
public sealed class ConsumerWatchdogTests(AppFixture fixture)
{
    private const int Keys = 5;
    private const int Messages = 100;

    [Fact]
    public async Task AConsumerWhoseHandlerHangsIsRestartedAndEveryMessageArrivesOnceInOrder()
    {
        var infrastructure = await MessagingInfrastructure.FromAsync(fixture);
        var pipeline = MessagingInfrastructure.NewPipelineName();
        var settings = new PipelineOptions();
        PipelineHost.FastRetries(settings);
        var ledger = new DeliveryLedger();
        var hung = 0;
        async ValueTask<MessageOutcome> Handle(MessageContext context, CancellationToken token)
        {
            var message = DeliveryLedger.Parse(context.Body);
            if (message.Id == "customer-0#3" && Interlocked.Exchange(ref hung, 1) == 0)
            {
                await Task.Delay(Timeout.Infinite, token);
            }
            ledger.TryDeliver(message);
            return MessageOutcome.Success;
        }

        try
        {
            await using var host = await PipelineHost.StartAsync(infrastructure, pipeline, Handle, PipelineHost.FastRetries);
            await host.WaitForConsumersAsync(1, TimeSpan.FromSeconds(60));
            var started = Stopwatch.GetTimestamp();
            await DeliveryLedger.PublishBurstAsync(host.Publisher, pipeline, Keys, Messages);

            await ledger.WaitForAsync(Messages, TimeSpan.FromSeconds(60));
            Assert.Equal(1, hung);
            ledger.AssertExactlyOnceInOrder(Keys, Messages);
            // Freed by the watchdog, not by anything quicker: the hung call held its customer for the whole timeout.
            Assert.True(Stopwatch.GetElapsedTime(started) >= settings.StallTimeout, $"done after {Stopwatch.GetElapsedTime(started)}");
        }
        finally
        {
            await infrastructure.DeletePipelineAsync(pipeline, partitions: settings.Partitions);
        }
    }
}
