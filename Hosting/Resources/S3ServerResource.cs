using System.Globalization;
using Microsoft.Extensions.Configuration;
using WhatsAppGenesys.Hosting.Processes;

namespace WhatsAppGenesys.Hosting;

/// <summary>
/// An S3-compatible server: s3rver (npm, installed under &lt;repo&gt;/.tools) locally; production points the same
/// connection string at MinIO. s3rver only knows the access key pair S3RVER/S3RVER.
/// </summary>
public sealed class S3ServerResource(string name, int? port) : ServerResource(name, port)
{
    public const string AccessKey = "S3RVER";
    public const string SecretKey = "S3RVER";

    public override string Kind => "S3 (s3rver)";

    private protected override string BuildConnectionString(int port) =>
        $"Endpoint=http://127.0.0.1:{port};AccessKey={AccessKey};SecretKey={SecretKey}";

    private protected override IEnumerable<ProcessSpec> GetProcessSpecs()
    {
        var tools = Context.Configuration["AppHost:ToolsDirectory"] ?? Path.Combine(Context.RepositoryRoot, ".tools");
        var script = Path.Combine(tools, "node_modules", "s3rver", "bin", "s3rver.js");
        if (!File.Exists(script))
        {
            throw new DistributedApplicationException($"s3rver was not found at {script}. Run scripts/install-prerequisites.sh (npm install --prefix .tools s3rver@3.7.1).");
        }

        var objects = Path.Combine(DataDirectory, "objects");
        Directory.CreateDirectory(objects);
        // --silent: s3rver logs every request, which would drown the services' own output.
        yield return new ProcessSpec(Name, Command.RequireOnPath("node", "nodejs"),
            [script, "--directory", objects, "--address", "127.0.0.1", "--port", Port!.Value.ToString(CultureInfo.InvariantCulture), "--silent"],
            DataDirectory, new Dictionary<string, string?>());
    }

    // Any HTTP answer means it serves requests (an anonymous GET / is refused with 403, which is fine).
    internal override async Task<bool> IsHealthyAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await Context.Http.GetAsync(new Uri($"http://127.0.0.1:{Port}/"), cancellationToken);
            return (int)response.StatusCode < 500;
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return false;
        }
    }
}

public static class S3ServerBuilderExtensions
{
    /// <summary>An S3 server; its connection string is <c>Endpoint=http://127.0.0.1:&lt;port&gt;;AccessKey=S3RVER;SecretKey=S3RVER</c>.</summary>
    public static IResourceBuilder<S3ServerResource> AddS3Server(this IDistributedApplicationBuilder builder, string name, int? port = null) =>
        builder.AddResource(new S3ServerResource(name, port));
}
