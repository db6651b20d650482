using WhatsAppGenesys.Contracts.Tenancy;
using WhatsAppGenesys.TenantService.Security;

namespace WhatsAppGenesys.UnitTests.Tenancy;

public class TokenLifetimeTests
{
    [Fact]
    public void DayLongGenesysTokenIsCachedFiveMinutesLessThanItLives()
    {
        Assert.Equal(TimeSpan.FromSeconds(86100), TokenLifetime.ServerCacheTtl(TimeSpan.FromSeconds(86400)));
    }

    [Fact]
    public void ShortTokenIsCachedForHalfItsLifeInsteadOfNotAtAll()
    {
        Assert.Equal(TimeSpan.FromSeconds(150), TokenLifetime.ServerCacheTtl(TimeSpan.FromSeconds(300)));
        Assert.Equal(TimeSpan.FromSeconds(1), TokenLifetime.ServerCacheTtl(TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void CallersRefreshAMinuteBeforeExpiryAndNeverHoldAnExpiredToken()
    {
        var now = DateTimeOffset.UnixEpoch;

        Assert.Equal(now.AddSeconds(3540), TokenLifetime.ClientRefreshAt(now, now.AddSeconds(3600)));
        Assert.Equal(now.AddSeconds(30), TokenLifetime.ClientRefreshAt(now, now.AddSeconds(60)));
        Assert.Equal(now, TokenLifetime.ClientRefreshAt(now, now.AddSeconds(-5)));
    }

    [Fact]
    public void ApiKeysAreRandomAndOnlyTheirHashIsComparable()
    {
        var first = ApiKeyHasher.NewKey();
        var second = ApiKeyHasher.NewKey();

        Assert.NotEqual(first, second);
        Assert.StartsWith(ApiKeyHasher.KeyPrefix, first);
        Assert.True(first.Length >= 40);
        Assert.Equal(ApiKeyHasher.Hash(first), ApiKeyHasher.Hash(first));
        Assert.NotEqual(ApiKeyHasher.Hash(first), ApiKeyHasher.Hash(second));
        Assert.Equal(32, ApiKeyHasher.Hash(first).Length);
        Assert.Equal(first[..12], ApiKeyHasher.DisplayPrefix(first));
    }
}
