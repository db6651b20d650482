namespace WhatsAppGenesys.IntegrationTests;

/// <summary>Where a project of the solution's build of this configuration (Debug or Release) put its assembly.</summary>
internal static class BuiltAssemblies
{
    public static string Of(IProjectMetadata project)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/')).Parent!.Name;
        var directory = Path.GetDirectoryName(project.ProjectPath)!;
        return Path.Combine(directory, "bin", configuration, "net10.0", $"WhatsAppGenesys.{Path.GetFileNameWithoutExtension(project.ProjectPath)}.dll");
    }
}
