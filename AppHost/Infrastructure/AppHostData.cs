using Microsoft.Extensions.Configuration;

namespace WhatsAppGenesys.AppHost.Infrastructure;

/// <summary>
/// Where the local servers keep their data and where the tools they need are installed. Delete the data directory to
/// start afresh; a test run gets a throwaway one.
/// </summary>
public static class AppHostData
{
    /// <summary><c>AppHost:DataDirectory</c>, default <c>&lt;repo&gt;/.apphost/data</c>.</summary>
    public static string DataDirectory(this IDistributedApplicationBuilder builder) =>
        Path.GetFullPath(builder.Configuration["AppHost:DataDirectory"] ?? Path.Combine(builder.RepositoryRoot(), ".apphost", "data"));

    /// <summary>One resource's own folder under the data directory, created on first use.</summary>
    public static string DataDirectoryOf(this IDistributedApplicationBuilder builder, string resourceName)
    {
        var directory = Path.Combine(builder.DataDirectory(), resourceName);
        Directory.CreateDirectory(directory);
        return directory;
    }

    /// <summary><c>AppHost:ToolsDirectory</c>, default <c>&lt;repo&gt;/.tools</c> (npm packages such as s3rver).</summary>
    public static string ToolsDirectory(this IDistributedApplicationBuilder builder) =>
        builder.Configuration["AppHost:ToolsDirectory"] ?? Path.Combine(builder.RepositoryRoot(), ".tools");

    public static string RepositoryRoot(this IDistributedApplicationBuilder builder) =>
        Path.GetFullPath(Path.Combine(builder.AppHostDirectory, ".."));

    /// <summary>
    /// Tests turn off durability that only an operating-system crash needs (fsync), keeping every commit safe from a
    /// killed server: <c>AppHost:FastUnsafeStorage=true</c>.
    /// </summary>
    public static bool UsesFastUnsafeStorage(this IDistributedApplicationBuilder builder) =>
        builder.Configuration.GetValue("AppHost:FastUnsafeStorage", false);
}
