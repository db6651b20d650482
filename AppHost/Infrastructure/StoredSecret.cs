using System.Security.Cryptography;
using Aspire.Hosting.Publishing;

namespace WhatsAppGenesys.AppHost.Infrastructure;

/// <summary>
/// A parameter's default in run mode: random bytes (base64) generated on the first run and kept in
/// <c>&lt;data&gt;/parameters/&lt;name&gt;</c> (mode 0600), so the value survives restarts and goes away with the data it
/// protects (a test run's throwaway data takes its secrets with it).
/// </summary>
public sealed class StoredSecret(string file, int bytes) : ParameterDefault
{
    public override string GetDefaultValue()
    {
        if (File.Exists(file))
        {
            return File.ReadAllText(file).Trim();
        }
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var value = Convert.ToBase64String(RandomNumberGenerator.GetBytes(bytes));
        File.WriteAllText(file, value);
        if (OperatingSystem.IsLinux())
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        return value;
    }

    // Run mode only: a published manifest never carries a value kept on this machine (see AddSecret).
    public override void WriteToManifest(ManifestPublishingContext context) =>
        throw new InvalidOperationException("A stored secret belongs to one machine's run; it is not published.");
}

public static class StoredSecretExtensions
{
    /// <summary>
    /// A secret parameter: <c>Parameters:&lt;name&gt;</c> from configuration when set, else <paramref name="bytes"/>
    /// random bytes generated once and kept under the data directory. In the manifest the deployment engine generates
    /// its own value (<paramref name="generatedOnDeploy"/>), or asks the operator for it when the value has a format a
    /// generator cannot produce (an AES key is base64 of exactly 32 bytes).
    /// </summary>
    public static IResourceBuilder<ParameterResource> AddSecret(this IDistributedApplicationBuilder builder, string name, int bytes, bool generatedOnDeploy = true)
    {
        if (builder.ExecutionContext.IsPublishMode)
        {
            return generatedOnDeploy
                ? builder.AddParameter(name, new GenerateParameterDefault { MinLength = bytes * 2, Special = false }, secret: true)
                : builder.AddParameter(name, secret: true);
        }
        return builder.AddParameter(name, new StoredSecret(Path.Combine(builder.DataDirectory(), "parameters", name), bytes), secret: true);
    }
}
