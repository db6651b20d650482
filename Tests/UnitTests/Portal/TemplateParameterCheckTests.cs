using WhatsAppGenesys.Contracts.Meta;
using WhatsAppGenesys.PortalService.Templates;

namespace WhatsAppGenesys.UnitTests.Portal;

/// <summary>The parameters of a send against a template's definition, by the rules Meta applies to sends (132000).</summary>
public class TemplateParameterCheckTests
{
    private static readonly MetaTemplateDefinitionComponent Body = new() { Type = "BODY", Text = "Hi {{1}}, order {{2}} is ready. {{1}}, thanks!" };

    private static MetaTemplateComponent Component(string type, params MetaTemplateParameter[] parameters) => new() { Type = type, Parameters = parameters };

    private static MetaTemplateParameter Text(string text, string? name = null) => new() { Type = "text", Text = text, ParameterName = name };

    private static Dictionary<string, string[]> Check(IReadOnlyList<MetaTemplateDefinitionComponent> definition, params MetaTemplateComponent[] send) =>
        TemplateParameterCheck.Check(definition, TemplateRules.Positional, send);

    [Fact]
    public void ARepeatedPlaceholderIsOneParameter()
    {
        Assert.Empty(Check([Body], Component("body", Text("Ana"), Text("8841"))));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    public void AnyOtherNumberOfBodyParametersIsRefused(int count)
    {
        var errors = Check([Body], Component("body", Enumerable.Range(0, count).Select(i => Text($"v{i}")).ToArray()));

        Assert.Equal("body", Assert.Single(errors).Key);
        Assert.Contains($"{count} parameter(s) given", errors["body"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void BodyParametersAreTextCurrencyOrDateTimeWithText()
    {
        var errors = Check([Body], Component("body", new MetaTemplateParameter { Type = "image" }, Text("")));

        Assert.Equal(2, errors["body"].Length);
        Assert.Empty(Check([Body], Component("body", new MetaTemplateParameter { Type = "currency" }, new MetaTemplateParameter { Type = "date_time" })));
    }

    [Fact]
    public void ATemplateWithoutPlaceholdersTakesNoParameters()
    {
        MetaTemplateDefinitionComponent[] plain = [new() { Type = "BODY", Text = "Thanks for your order." }];

        Assert.Empty(Check(plain));
        Assert.Equal("body", Assert.Single(Check(plain, Component("body", Text("x")))).Key);
        Assert.Equal("header", Assert.Single(Check(plain, Component("header", Text("x")))).Key);
    }

    [Theory]
    [InlineData("IMAGE", "image", true)]
    [InlineData("DOCUMENT", "document", true)]
    [InlineData("VIDEO", "image", false)]
    [InlineData("LOCATION", "location", true)]
    public void AMediaHeaderTakesOneParameterOfItsKind(string format, string given, bool fits)
    {
        MetaTemplateDefinitionComponent[] definition = [new() { Type = "HEADER", Format = format }, new() { Type = "BODY", Text = "See attached." }];

        Assert.Equal(fits, Check(definition, Component("header", new MetaTemplateParameter { Type = given })).Count == 0);
        Assert.Equal("header", Assert.Single(Check(definition)).Key);
    }

    [Fact]
    public void ATextHeaderWithAPlaceholderTakesOneTextParameter()
    {
        MetaTemplateDefinitionComponent[] definition = [new() { Type = "HEADER", Format = "TEXT", Text = "Order {{1}}" }, new() { Type = "BODY", Text = "Ready." }];

        Assert.Empty(Check(definition, Component("header", Text("8841"))));
        Assert.Equal("header", Assert.Single(Check(definition)).Key);
    }

    [Fact]
    public void AUrlButtonEndingInAPlaceholderNeedsItsParameter()
    {
        MetaTemplateDefinitionComponent[] definition =
        [
            new() { Type = "BODY", Text = "Track it." },
            new()
            {
                Type = "BUTTONS",
                Buttons = [new() { Type = "QUICK_REPLY", Text = "Stop" }, new() { Type = "URL", Text = "Track", Url = "https://example.com/t/{{1}}" }],
            },
        ];
        MetaTemplateComponent Button(int index, params MetaTemplateParameter[] parameters) => new() { Type = "button", SubType = "url", Index = index, Parameters = parameters };

        Assert.Empty(Check(definition, Button(1, Text("8841"))));
        Assert.Equal("button[1]", Assert.Single(Check(definition)).Key);
        Assert.Equal("button", Assert.Single(Check(definition, Button(1, Text("8841")), Button(5, Text("x")))).Key);
    }

    [Fact]
    public void NamedPlaceholdersAreMatchedByName()
    {
        MetaTemplateDefinitionComponent[] definition = [new() { Type = "BODY", Text = "Hi {{first_name}}, order {{order_id}} is ready." }];

        Assert.Empty(TemplateParameterCheck.Check(definition, TemplateRules.Named,
            [Component("body", Text("8841", "order_id"), Text("Ana", "first_name"))]));
        var errors = TemplateParameterCheck.Check(definition, TemplateRules.Named, [Component("body", Text("8841", "order"), Text("Ana", "first_name"))]);
        Assert.Equal(2, errors["body"].Length); // order_id missing, order unknown
    }

    [Fact]
    public void ComponentsASendCannotHaveAreRefused()
    {
        Assert.Equal("components", Assert.Single(Check([new() { Type = "BODY", Text = "Hello." }], Component("footer", Text("x")))).Key);
    }

    [Theory]
    [InlineData("order_update_2", true)]
    [InlineData("Order_Update", false)]
    [InlineData("order-update", false)]
    [InlineData("", false)]
    public void NamesAreLowerCaseLettersDigitsAndUnderscores(string name, bool valid)
    {
        Assert.Equal(valid, TemplateRules.IsName(name));
    }

    [Theory]
    [InlineData("en", true)]
    [InlineData("en_US", true)]
    [InlineData("zh_CN", true)]
    [InlineData("english", false)]
    [InlineData("en-US", false)]
    public void LanguagesAreMetasCodes(string language, bool valid)
    {
        Assert.Equal(valid, TemplateRules.IsLanguage(language));
    }
}
