using System.Text.Json;
using WhatsAppGenesys.IntegrationTests.Inbound;

namespace WhatsAppGenesys.IntegrationTests.Foundation;

/// <summary>One customer message is one trace across every service: over HTTP (W3C headers) and over RabbitMQ (message headers).</summary>
public class TracingTests(AppFixture fixture)
{
    [Fact]
    public async Task ConsumedMessageContinuesThePublishersTrace()
    {
        var wamid = await SendAndDeliverAsync();

        var spans = await WaitForSpansAsync(all => all.Any(s => s.Service == "inbound-transformer" && s.Kind == "Consumer" && s.Tag("messaging.message.id") == wamid));
        var consume = spans.Single(s => s.Service == "inbound-transformer" && s.Kind == "Consumer" && s.Tag("messaging.message.id") == wamid);
        var publish = Assert.Single(spans, s => s.SpanId == consume.ParentSpanId);

        Assert.Equal("whatsapp-webhook", publish.Service);
        Assert.Equal("Producer", publish.Kind);
        Assert.Equal(consume.TraceId, publish.TraceId);
    }

    [Fact]
    public async Task HttpCallBetweenServicesAddressedByNameSharesOneTrace()
    {
        var wamid = await SendAndDeliverAsync();

        var spans = await WaitForSpansAsync(all =>
        {
            var trace = all.FirstOrDefault(s => s.Kind == "Consumer" && s.Tag("messaging.message.id") == wamid)?.TraceId;
            return trace is not null && all.Any(s => s.TraceId == trace && s.Service == "genesys-api" && s.Kind == "Server");
        });
        var traceId = spans.First(s => s.Kind == "Consumer" && s.Tag("messaging.message.id") == wamid).TraceId;
        var trace = spans.Where(s => s.TraceId == traceId).ToList();

        // The transformer called the Genesys API service as http://genesys-api (service discovery); the server span in
        // the other process is the child of the client span in the transformer.
        var server = trace.First(s => s.Service == "genesys-api" && s.Kind == "Server");
        var client = Assert.Single(trace, s => s.SpanId == server.ParentSpanId);
        Assert.Equal("inbound-transformer", client.Service);
        Assert.Equal("Client", client.Kind);
        Assert.Contains(trace, s => s.Service == "state-manager" && s.Kind == "Server");
        Assert.Contains(trace, s => s.Service == "whatsapp-webhook" && s.Kind == "Server");
    }

    private async Task<string> SendAndDeliverAsync()
    {
        var sandboxes = new Sandboxes(fixture);
        var customer = Sandboxes.NewCustomer();
        var wamid = await sandboxes.CustomerSendsAsync(customer, new { type = "text", text = "trace me" });
        await sandboxes.WaitForAgentMessagesAsync(customer, 1);
        return wamid;
    }

    // Spans are exported when they end; the last ones may land a moment after the message was delivered.
    private async Task<List<Span>> WaitForSpansAsync(Func<List<Span>, bool> complete)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var spans = ReadSpans();
            if (complete(spans) || DateTime.UtcNow > deadline)
            {
                return spans;
            }
            await Task.Delay(250, TestContext.Current.CancellationToken);
        }
    }

    private List<Span> ReadSpans()
    {
        var spans = new List<Span>();
        foreach (var file in Directory.EnumerateFiles(fixture.SpanDirectory, "*.jsonl"))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            while (reader.ReadLine() is { } line)
            {
                if (line.EndsWith('}'))
                {
                    spans.Add(JsonSerializer.Deserialize<Span>(line, Sandboxes.Json)!);
                }
            }
        }
        return spans;
    }

    private sealed record Span(string Service, string Name, string Kind, string TraceId, string SpanId, string ParentSpanId, Dictionary<string, string?>? Tags)
    {
        public string? Tag(string name) => Tags is not null && Tags.TryGetValue(name, out var value) ? value : null;
    }
}
