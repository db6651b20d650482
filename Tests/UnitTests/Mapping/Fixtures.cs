using System.Text.Json;
using System.Text.Json.Nodes;
using WhatsAppGenesys.Contracts.Genesys;
using WhatsAppGenesys.Contracts.Meta;

namespace WhatsAppGenesys.UnitTests.Mapping;

/// <summary>Reads our own JSON fixtures (Tests/UnitTests/Fixtures, copied next to the test binary).</summary>
internal static class Fixtures
{
    public static string Read(string relativePath) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", relativePath));

    public static MetaWebhookEnvelope MetaInbound(string name) =>
        JsonSerializer.Deserialize<MetaWebhookEnvelope>(Read($"Meta/Inbound/{name}.json"), MetaJson.Options)!;

    public static MetaWebhookEnvelope MetaStatus(string name) =>
        JsonSerializer.Deserialize<MetaWebhookEnvelope>(Read($"Meta/Statuses/{name}.json"), MetaJson.Options)!;

    public static GenesysOutboundMessage GenesysOutbound(string name) =>
        JsonSerializer.Deserialize<GenesysOutboundMessage>(Read($"Genesys/Outbound/{name}.json"), GenesysJson.Options)!;

    public static IEnumerable<string> Names(string folder) =>
        Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures", folder), "*.json")
            .Select(Path.GetFileNameWithoutExtension).Order()!;
}

/// <summary>Structural JSON comparison: property order and escaping do not matter, values and shape do.</summary>
internal static class JsonAssert
{
    private static readonly JsonSerializerOptions Pretty = new() { WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Equivalent(string expectedJson, object? actual, JsonSerializerOptions options)
    {
        var expected = JsonNode.Parse(expectedJson);
        var actualNode = JsonSerializer.SerializeToNode(actual, actual?.GetType() ?? typeof(object), options);
        if (!JsonNode.DeepEquals(expected, actualNode))
        {
            Assert.Fail($"JSON differs.\nExpected:\n{expected?.ToJsonString(Pretty)}\nActual:\n{actualNode?.ToJsonString(Pretty)}");
        }
    }
}
