using System.Net.Sockets;
using Minio.DataModel.ILM;
using WhatsAppGenesys.PortalService.Storage;

namespace WhatsAppGenesys.UnitTests.Storage;

/// <summary>
/// The choice between S3 rules and the sweeper, from the server's answers. No server here takes lifecycle rules (s3rver
/// refuses them; MinIO is not installable), so the rules path is proven against a fake that answers as MinIO and AWS
/// do; the integration tests prove the sweeper path against s3rver.
/// </summary>
public class LifecycleProbeTests
{
    private static readonly LifecycleConfiguration Rules = new([
        new LifecycleRule(null, "raw-acme", new Expiration { Days = 30 }, null, new RuleFilter(null, "acme/", null), null, null, LifecycleRule.LifecycleRuleStatusEnabled)]);

    [Fact]
    public async Task AServerThatTakesTheRulesAndReportsVersioningEnabledGetsTheRulesPath()
    {
        var server = new FakeS3();

        var result = await new LifecycleProbe(server).ApplyAsync("webhooks-inbound", Rules, CancellationToken.None);

        Assert.Equal(LifecyclePath.S3Rules, result.Path);
        Assert.Same(Rules, server.Applied["webhooks-inbound"]);
        Assert.Equal("Enabled", server.Versioning["webhooks-inbound"]);
    }

    [Fact]
    public async Task ARefusedLifecycleConfigurationMeansTheSweeper()
    {
        // How the Minio adapter reports S3's NotImplemented answer, as s3rver gives it (StorageLifecycleTests meets the
        // real one and checks the health entry names the sweeper).
        var server = new FakeS3 { OnLifecycle = () => throw Refused("A parameter you provided implies functionality that is not implemented") };

        var result = await new LifecycleProbe(server).ApplyAsync("webhooks-inbound", Rules, CancellationToken.None);

        Assert.Equal(LifecyclePath.Sweeper, result.Path);
        Assert.Contains("not implemented", result.Reason, StringComparison.Ordinal);
        Assert.False(server.Versioning.ContainsKey("webhooks-inbound"));
    }

    [Fact]
    public async Task VersioningThatDoesNotReadBackEnabledMeansTheSweeper()
    {
        // s3rver takes a versioning request for a bucket creation and answers "already exists"; one that answered 200
        // and kept nothing is caught by the read-back.
        var server = new FakeS3 { KeepsVersioning = false };

        var result = await new LifecycleProbe(server).ApplyAsync("media-inbound", Rules, CancellationToken.None);

        Assert.Equal(LifecyclePath.Sweeper, result.Path);
    }

    [Fact]
    public async Task AnS3ErrorForVersioningMeansTheSweeper()
    {
        var server = new FakeS3 { OnVersioning = () => throw Refused("The requested bucket already exists") };

        Assert.Equal(LifecyclePath.Sweeper, (await new LifecycleProbe(server).ApplyAsync("media-inbound", Rules, CancellationToken.None)).Path);
    }

    [Fact]
    public async Task AServerThatCannotBeReachedDecidesNothing()
    {
        var server = new FakeS3 { OnLifecycle = () => throw new HttpRequestException("Connection refused", new SocketException()) };

        await Assert.ThrowsAsync<HttpRequestException>(() => new LifecycleProbe(server).ApplyAsync("webhooks-inbound", Rules, CancellationToken.None));
    }

    [Fact]
    public async Task AMissingBucketIsLeftForTheNextRunAndNeverCreatedByAVersioningRequest()
    {
        var server = new FakeS3();
        server.Existing.Remove("media-outbound");

        var result = await new LifecycleProbe(server).ApplyAsync("media-outbound", Rules, CancellationToken.None);

        Assert.Equal(LifecyclePath.Unknown, result.Path);
        Assert.Empty(server.Applied);
        Assert.Empty(server.Versioning);
    }

    [Fact]
    public void OneRefusalDecidesTheSweeperForTheWholeStore()
    {
        Assert.Equal(LifecyclePath.Sweeper, LifecycleProbe.Combine([new(LifecyclePath.S3Rules, "a"), new(LifecyclePath.Sweeper, "b")]).Path);
        Assert.Equal(LifecyclePath.S3Rules, LifecycleProbe.Combine([new(LifecyclePath.S3Rules, "a"), ProbeResult.Missing("m")]).Path);
        Assert.Equal(LifecyclePath.Unknown, LifecycleProbe.Combine([ProbeResult.Missing("m")]).Path);
        Assert.Equal("lifecycle: sweeper", LifecyclePath.Sweeper.Describe());
        Assert.Equal("lifecycle: s3-rules", LifecyclePath.S3Rules.Describe());
    }

    private static S3FeatureRefusedException Refused(string answer) => new(answer, new InvalidOperationException(answer));

    private sealed class FakeS3 : IBucketLifecycleApi
    {
        public HashSet<string> Existing { get; } = ["webhooks-inbound", "webhooks-genesys", "media-inbound", "media-outbound"];

        public Dictionary<string, LifecycleConfiguration> Applied { get; } = [];

        public Dictionary<string, string> Versioning { get; } = [];

        public Action? OnLifecycle { get; init; }

        public Action? OnVersioning { get; init; }

        public bool KeepsVersioning { get; init; } = true;

        public Task<bool> BucketExistsAsync(string bucket, CancellationToken ct) => Task.FromResult(Existing.Contains(bucket));

        public Task SetLifecycleAsync(string bucket, LifecycleConfiguration configuration, CancellationToken ct)
        {
            OnLifecycle?.Invoke();
            Applied[bucket] = configuration;
            return Task.CompletedTask;
        }

        public Task EnableVersioningAsync(string bucket, CancellationToken ct)
        {
            OnVersioning?.Invoke();
            if (KeepsVersioning)
            {
                Versioning[bucket] = "Enabled";
            }
            return Task.CompletedTask;
        }

        public Task<string?> GetVersioningAsync(string bucket, CancellationToken ct) => Task.FromResult(Versioning.GetValueOrDefault(bucket));
    }
}
