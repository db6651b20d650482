using StackExchange.Redis;
using WhatsAppGenesys.ServiceDefaults.Configuration;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Redis for every service: Aspire's StackExchange.Redis client integration (a singleton
/// <see cref="IConnectionMultiplexer"/>, the <c>StackExchange.Redis</c> health check, tracing), with the connection
/// string checked at start-up and an outage that degrades rather than stops the service.
/// </summary>
public static class RedisConnectionExtensions
{
    private const string Format = "host:port[,password=…][,ssl=true]";

    public static IHostApplicationBuilder AddRedisConnection(this IHostApplicationBuilder builder, string connectionName)
    {
        // Aspire's integration parses the string only when the multiplexer is first needed, so a service that does not
        // need it at start would run on without Redis: check it now, so that a mistake stops start-up with one line.
        ResourceConnectionStrings.Require(builder.Configuration, connectionName, Format, HasEndpoint);

        builder.AddRedisClient(connectionName, configureOptions: options =>
        {
            // Redis is a cache and a coordination aid here: the service starts without it and reconnects in the
            // background, so an outage turns /health to 503 instead of crashing the process.
            options.AbortOnConnectFail = false;
            // While Redis is down a call fails within 2 s (the library's default is 5 s): callers fall back and stay fast.
            options.ConnectTimeout = 2000;
            options.AsyncTimeout = 2000;
            options.SyncTimeout = 2000;
        });
        return builder;
    }

    private static bool HasEndpoint(string connectionString)
    {
        try
        {
            return ConfigurationOptions.Parse(connectionString).EndPoints.Count > 0;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
