using WhatsAppGenesys.Contracts.Genesys;
using WhatsAppGenesys.OutboundTransformer.Mapping;

namespace WhatsAppGenesys.UnitTests.Mapping;

public class TemplateMapperTests
{
    [Theory]
    [InlineData("Hi {{1}}, order {{2}}", new[] { "1", "2" })]
    [InlineData("{{1}} and again {{1}}", new[] { "1" })]
    [InlineData("Hi {{ first_name }}!", new[] { "first_name" })]
    [InlineData("No placeholders, {single} braces", new string[0])]
    public void PlaceholdersAreFoundOncePerName(string text, string[] expected)
    {
        Assert.Equal(expected, TemplateMapper.Placeholders(text));
    }

    [Fact]
    public void ParametersFillNumberedPlaceholdersInOrder()
    {
        var (template, rejection) = TemplateMapper.Map(Template("ns@welcome", "Hi {{1}}, welcome to {{2}}", "Jana", "Acme"), "en_US", null);

        Assert.Null(rejection);
        Assert.Equal("welcome", template!.Name);
        var body = Assert.Single(template.Components!);
        Assert.Equal("body", body.Type);
        Assert.Equal(["Jana", "Acme"], body.Parameters.Select(p => p.Text));
        Assert.All(body.Parameters, p => Assert.Null(p.ParameterName));
    }

    [Theory]
    [InlineData("Hi {{1}} {{2}}", 1, "2 placeholders but 1 parameters")]
    [InlineData("Hi {{1}}", 2, "1 placeholders but 2 parameters")]
    [InlineData("Hi {{1}} {{3}}", 2, "numbered {{1}} to {{2}}")]
    [InlineData("Hi {{1}} {{name}}", 2, "mixes numbered and named")]
    public void PlaceholderProblemsAreRejectedBeforeMetaSeesThem(string text, int parameterCount, string explanation)
    {
        var values = Enumerable.Range(1, parameterCount).Select(i => $"v{i}").ToArray();

        var (template, rejection) = TemplateMapper.Map(Template("ns@t", text, values), "en_US", null);

        Assert.Null(template);
        Assert.Equal(GenesysReasonCode.InvalidMessageStructure, rejection!.Reason);
        Assert.Contains(explanation, rejection.Message);
    }

    [Fact]
    public void NamedPlaceholdersNeedParametersOfTheSameNames()
    {
        var template = new GenesysNotificationTemplate
        {
            Id = "ns@t",
            Body = new GenesysTemplateBody
            {
                Text = "Hi {{first_name}}, order {{order_id}}",
                Parameters = [new() { Name = "first_name", Text = "Jana" }, new() { Name = "orderid", Text = "A-1" }],
            },
        };

        var (_, rejection) = TemplateMapper.Map(template, "en_US", null);

        Assert.Contains("order_id", rejection!.Message);
    }

    [Fact]
    public void WithoutTemplateTextTheParametersAreSentAsGiven()
    {
        // Genesys often sends the already-rendered text ("For WhatsApp, ignored"): nothing to check against.
        var (template, rejection) = TemplateMapper.Map(Template("ns@t", "Hi Happy, How can I help you?", "Happy"), "en", null);

        Assert.Null(rejection);
        Assert.Equal("Happy", Assert.Single(Assert.Single(template!.Components!).Parameters).Text);
        Assert.Equal("en", template.Language.Code);
    }

    [Fact]
    public void TemplateWithoutParametersHasNoComponents()
    {
        var (template, _) = TemplateMapper.Map(new GenesysNotificationTemplate { Id = "hello_world" }, "en_US", null);

        Assert.Equal("hello_world", template!.Name);
        Assert.Null(template.Components);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("namespace@")]
    [InlineData("   ")]
    public void TemplateWithoutNameIsRejected(string? id)
    {
        var (_, rejection) = TemplateMapper.Map(new GenesysNotificationTemplate { Id = id }, "en_US", null);

        Assert.Equal(GenesysReasonCode.InvalidMessageStructure, rejection!.Reason);
    }

    [Fact]
    public void HeaderTextParametersBecomeAHeaderComponent()
    {
        var template = Template("ns@t", "Body without placeholders") with
        {
            Header = new GenesysTemplateHeader
            {
                Type = GenesysTemplateHeaderType.Text, Text = "Order {{1}}", Parameters = [new() { Text = "A-1009" }],
            },
        };

        var (mapped, _) = TemplateMapper.Map(template, "en_US", null);

        var header = Assert.Single(mapped!.Components!);
        Assert.Equal("header", header.Type);
        Assert.Equal("A-1009", Assert.Single(header.Parameters).Text);
    }

    [Fact]
    public void DocumentHeaderKeepsItsFileName()
    {
        var template = Template("ns@t", "x") with
        {
            Header = new GenesysTemplateHeader
            {
                Type = GenesysTemplateHeaderType.Media,
                Media = new GenesysAttachment { MediaType = GenesysMediaType.File, Filename = "terms.pdf" },
            },
        };

        var (mapped, _) = TemplateMapper.Map(template, "en_US", new HostedMedia("https://minio.local/t.pdf", "application/pdf", 10));

        var parameter = Assert.Single(Assert.Single(mapped!.Components!).Parameters);
        Assert.Equal("document", parameter.Type);
        Assert.Equal(("https://minio.local/t.pdf", "terms.pdf"), (parameter.Document!.Link, parameter.Document.Filename));
    }

    private static GenesysNotificationTemplate Template(string id, string text, params string[] values) => new()
    {
        Id = id,
        Body = new GenesysTemplateBody { Text = text, Parameters = values.Select(v => new GenesysTemplateParameter { Text = v }).ToList() },
    };
}
