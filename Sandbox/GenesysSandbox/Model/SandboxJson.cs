using System.Text.Json;
using System.Text.Json.Serialization;

namespace WhatsAppGenesys.GenesysSandbox.Model;

public static class SandboxJson
{
    /// <summary>
    /// Genesys speaks compact camelCase JSON and binds property names case-sensitively (Jackson), so a middleware that
    /// sends "Text" instead of "text" must see the same failure here as against the real platform.
    /// </summary>
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNameCaseInsensitive = false;
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        // Like Node's JSON.stringify (what Genesys's signature sample hashes): <, >, &, non-ASCII and emoji unescaped.
        options.Encoder = JsonStringifyEncoder.Instance;
        return options;
    }
}
