using WhatsAppGenesys.AlertService.Notifications;
using WhatsAppGenesys.Contracts.Alerts;

namespace WhatsAppGenesys.UnitTests.Alerting;

/// <summary>At most one notification per alert and subscription per interval, a cap per subscription and hour, and resolved only where opened went.</summary>
public sealed class NotificationThrottleTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(15);

    private static bool Allows(string alertEvent, bool openedWasSent = false, DateTimeOffset? last = null, int inLastHour = 0) =>
        NotificationThrottle.Allows(alertEvent, openedWasSent, last, inLastHour, Now, Interval, maxPerHour: 30);

    [Fact]
    public void AFirstOpenedIsSent() => Assert.True(Allows(AlertEvents.Opened));

    [Fact]
    public void AnAlertOpeningAgainWithinTheIntervalIsHeldBackAndAfterItIsSent()
    {
        Assert.False(Allows(AlertEvents.Opened, last: Now.AddMinutes(-14)));
        Assert.True(Allows(AlertEvents.Opened, last: Now.AddMinutes(-15)));
    }

    [Fact]
    public void AResolvedGoesOnlyWhereTheOpenedWentWhateverTheInterval()
    {
        Assert.True(Allows(AlertEvents.Resolved, openedWasSent: true, last: Now.AddSeconds(-5)));
        Assert.False(Allows(AlertEvents.Resolved, openedWasSent: false));
    }

    [Fact]
    public void NoSubscriptionGetsMoreThanItsCapInAnHourWhateverTheEvent()
    {
        Assert.True(Allows(AlertEvents.Opened, inLastHour: 29));
        Assert.False(Allows(AlertEvents.Opened, inLastHour: 30));
        Assert.False(Allows(AlertEvents.Resolved, openedWasSent: true, inLastHour: 30));
    }
}
