namespace WhatsAppGenesys.Hosting.Testing;

// How a test reaches the builder and app that an AppHost's own entry point creates: the testing builder runs the
// entry point with a session in this AsyncLocal; CreateBuilder and Build() look for it. AsyncLocal (not a static)
// keeps sessions of tests running in parallel apart.
internal static class TestingHook
{
    private static readonly AsyncLocal<TestingSession?> Current = new();

    public static TestingSession Begin(string[] args, Action<DistributedApplicationOptions, Microsoft.Extensions.Configuration.ConfigurationManager>? configure)
    {
        var session = new TestingSession(args, configure);
        Current.Value = session;
        return session;
    }

    public static void End() => Current.Value = null;

    /// <summary>A builder in testing mode when a session waits for one, else null.</summary>
    public static DistributedApplicationBuilder? CreateBuilder(DistributedApplicationOptions options)
    {
        if (Current.Value is not { Builder: null } session)
        {
            return null;
        }

        options.Args = session.Args;
        session.Builder = CreateTestingBuilder(options, session.Configure);
        return session.Builder;
    }

    public static void OnBuilt(DistributedApplicationBuilder builder, DistributedApplication app)
    {
        if (Current.Value is { } session && session.Builder == builder)
        {
            session.App = app;
        }
    }

    /// <summary>Free ports, a fresh temporary data directory deleted on dispose, quiet output, fast storage.</summary>
    public static DistributedApplicationBuilder CreateTestingBuilder(
        DistributedApplicationOptions options,
        Action<DistributedApplicationOptions, Microsoft.Extensions.Configuration.ConfigurationManager>? configure)
    {
        options.IsTesting = true;
        options.RandomizePorts = true;
        options.DataDirectory = Path.Combine(Path.GetTempPath(), "whatsappgenesys-test-" + Guid.NewGuid().ToString("N")[..12]);
        options.DeleteDataDirectoryOnDispose = true;
        options.FastUnsafeStorage = true;
        var builder = new DistributedApplicationBuilder(options);
        configure?.Invoke(options, builder.Configuration);
        return builder;
    }
}

internal sealed class TestingSession(string[] args, Action<DistributedApplicationOptions, Microsoft.Extensions.Configuration.ConfigurationManager>? configure)
{
    public string[] Args { get; } = args;

    public Action<DistributedApplicationOptions, Microsoft.Extensions.Configuration.ConfigurationManager>? Configure { get; } = configure;

    public DistributedApplicationBuilder? Builder { get; set; }

    public DistributedApplication? App { get; set; }
}
