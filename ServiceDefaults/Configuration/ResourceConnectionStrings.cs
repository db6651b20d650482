using Microsoft.Extensions.Configuration;

namespace WhatsAppGenesys.ServiceDefaults.Configuration;

/// <summary>
/// Reads the connection string of a named resource from <c>ConnectionStrings:&lt;name&gt;</c>, the key Aspire's AppHost
/// injects as <c>ConnectionStrings__&lt;name&gt;</c>. A missing or malformed value stops start-up with a message that
/// names the resource (see <see cref="StartupFailureHandler"/>), never with a stack trace.
/// </summary>
public static class ResourceConnectionStrings
{
    public static string Require(IConfiguration configuration, string resourceName, string expectedFormat)
    {
        var value = configuration.GetConnectionString(resourceName);
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ResourceConfigurationException(resourceName,
                $"the connection string for resource '{resourceName}' is missing. " +
                $"Set ConnectionStrings:{resourceName} (environment variable ConnectionStrings__{resourceName}), format: {expectedFormat}.");
        }
        return value;
    }

    /// <summary>As <see cref="Require(IConfiguration, string, string)"/>, and malformed unless <paramref name="isWellFormed"/> says otherwise.</summary>
    public static string Require(IConfiguration configuration, string resourceName, string expectedFormat, Func<string, bool> isWellFormed)
    {
        var value = Require(configuration, resourceName, expectedFormat);
        return isWellFormed(value) ? value : throw Malformed(resourceName, expectedFormat);
    }

    public static ResourceConfigurationException Malformed(string resourceName, string expectedFormat) =>
        new(resourceName, $"the connection string for resource '{resourceName}' (ConnectionStrings:{resourceName}) is malformed; expected {expectedFormat}.");
}

/// <summary>A configuration problem with one named resource; reported on start-up as a one-line error.</summary>
public sealed class ResourceConfigurationException(string resourceName, string message) : Exception(message)
{
    public string ResourceName { get; } = resourceName;
}
