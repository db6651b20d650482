using System.Globalization;
using WhatsAppGenesys.AppHost.Infrastructure;

namespace WhatsAppGenesys.AppHost.LocalServers;

/// <summary>
/// An S3-compatible server: s3rver (npm, installed under <c>&lt;repo&gt;/.tools</c>). MinIO is not installable here; the
/// services speak plain S3, so production points the same connection string at MinIO. s3rver only knows the key pair
/// S3RVER/S3RVER.
/// </summary>
/// <remarks>
/// s3rver runs under <c>nice -n -5</c>: it does on one thread what MinIO does on many, and on a busy two-core machine
/// the scheduler's fairness between threads starved it (during a campaign it waited on the run queue for 11 of every
/// 15 seconds), so webhooks waited for their archive until some went unarchived (docs/benchmarks.md). Without the
/// right to raise a priority (not root), nice says so and runs it as it is.
/// </remarks>
public sealed class LocalS3Resource(string name, string workingDirectory, int port)
    : LocalServerResource(name, "nice", workingDirectory, port)
{
    public const string AccessKey = "S3RVER";
    public const string SecretKey = "S3RVER";

    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(2) };

    public override ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"Endpoint=http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)};AccessKey={AccessKey};SecretKey={SecretKey}");

    // Any HTTP answer means it serves requests (an anonymous GET / is refused with 403, which is fine).
    public override async Task<bool> IsReadyAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await Http.GetAsync(new Uri($"http://127.0.0.1:{Port}/"), cancellationToken);
            return (int)response.StatusCode < 500;
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return false;
        }
    }
}

public static class LocalS3BuilderExtensions
{
    public static IResourceBuilder<LocalS3Resource> AddLocalS3(this IDistributedApplicationBuilder builder, string name, int port)
    {
        var script = Path.Combine(builder.ToolsDirectory(), "node_modules", "s3rver", "bin", "s3rver.js");
        if (!File.Exists(script))
        {
            throw new DistributedApplicationException(
                $"s3rver was not found at {script}. Run scripts/install-prerequisites.sh (npm install --prefix .tools s3rver).");
        }
        var directory = builder.DataDirectoryOf(name);
        var objects = Path.Combine(directory, "objects");
        Directory.CreateDirectory(objects);
        // --silent: s3rver logs every request, which would drown the services' own output.
        return builder.AddLocalServer(new LocalS3Resource(name, directory, port))
            .WithArgs("-n", "-5", "node", script, "--directory", objects, "--address", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture), "--silent");
    }
}
