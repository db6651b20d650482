using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using WhatsAppGenesys.Hosting.Orchestration;

namespace WhatsAppGenesys.Hosting;

/// <summary>
/// A value the model hands to projects, typically a secret (an API key, an encryption key). Like Aspire's parameters it
/// comes from configuration <c>Parameters:&lt;name&gt;</c>; when absent it is generated once (random bytes, base64)
/// and kept in the data directory, so data encrypted with it stays readable across runs.
/// </summary>
public sealed class ParameterResource(string name, bool secret, int generatedBytes) : Resource(name)
{
    private string? _value;

    public override string Kind => "Parameter";

    public bool IsSecret { get; } = secret;

    /// <summary>The value; available once the application has started.</summary>
    public string Value => _value ?? throw new InvalidOperationException($"Parameter '{Name}' has no value before the application starts.");

    internal override void Initialize(RunContext context)
    {
        base.Initialize(context);
        _value = context.Configuration[$"Parameters:{Name}"] ?? ReadOrGenerate(context);
    }

    private string ReadOrGenerate(RunContext context)
    {
        if (generatedBytes <= 0)
        {
            throw new DistributedApplicationException($"Parameter '{Name}' is not configured: set Parameters:{Name} (environment variable Parameters__{Name}).");
        }

        var file = Path.Combine(context.DataRoot, "parameters", Name);
        if (File.Exists(file))
        {
            return File.ReadAllText(file).Trim();
        }

        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var value = Convert.ToBase64String(RandomNumberGenerator.GetBytes(generatedBytes));
        File.WriteAllText(file, value);
        if (OperatingSystem.IsLinux())
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        return value;
    }

    // Nothing to run: the value is resolved before anything starts.
    internal override Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    internal override Task StopAsync() => Task.CompletedTask;

    internal override Task KillAsync() => Task.CompletedTask;

    internal override Task<bool> IsHealthyAsync(CancellationToken cancellationToken) => Task.FromResult(_value is not null);

    internal override string DescribeEndpoint() => IsSecret ? ConnectionStringMasker.Mask : _value ?? "";
}

public static class ParameterBuilderExtensions
{
    /// <summary>A value from configuration <c>Parameters:&lt;name&gt;</c>; without one, <paramref name="generatedBytes"/>
    /// random bytes (base64) generated on the first run and kept with the data. 0 = it must be configured.</summary>
    public static IResourceBuilder<ParameterResource> AddParameter(this IDistributedApplicationBuilder builder, string name, bool secret = false, int generatedBytes = 0) =>
        builder.AddResource(new ParameterResource(name, secret, generatedBytes));
}
