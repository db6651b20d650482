using WhatsAppGenesys.PortalService.Audience;
using WhatsAppGenesys.PortalService.Campaigns;

namespace WhatsAppGenesys.UnitTests.Portal;

/// <summary>A template's parameters filled from each contact: attributes, name, number or a literal; a hole skips the contact.</summary>
public class CampaignParameterMappingTests
{
    private static readonly AudienceMember Ana = new(Guid.CreateVersion7(), "+4915112345678", null, "Ana",
        new Dictionary<string, string> { ["first_name"] = "Ana", ["order"] = " 8841 " });

    [Fact]
    public void ValuesComeFromAttributesNameNumberAndLiteralsInMappingOrder()
    {
        IReadOnlyList<CampaignParameter> mapping =
        [
            new("body", "1", "attribute", "first_name"),
            new("body", "2", "literal", "Monday"),
            new("header", "1", "name", null),
            new("body", "3", "phone", null),
            new(null, "4", null, "order"),
        ];

        var (values, missing) = ParameterMapping.Render(mapping, Ana);

        Assert.Null(missing);
        Assert.Equal(["Ana", "Monday", "Ana", "+4915112345678", "8841"], values);
    }

    [Fact]
    public void AMissingAttributeOrNameSaysWhatIsMissing()
    {
        var nameless = Ana with { Name = null };

        Assert.Equal("attribute 'city'", ParameterMapping.Render([new("body", "1", "attribute", "city")], Ana).Missing);
        Assert.Equal("name", ParameterMapping.Render([new("body", "1", "name", null)], nameless).Missing);
        Assert.Null(ParameterMapping.Render([new("body", "1", "attribute", "city")], Ana).Values);
    }

    [Fact]
    public void PositionalParametersAreSentInPlaceholderOrderHeaderFirst()
    {
        IReadOnlyList<CampaignParameter> mapping = [new("body", "2", "literal", "b"), new("body", "1", "literal", "a"), new("header", "1", "literal", "h")];

        var components = ParameterMapping.Components(mapping, ["b", "a", "h"], named: false)!;

        Assert.Equal(["header", "body"], components.Select(c => c.Type));
        Assert.Equal(["h"], components[0].Parameters.Select(p => p.Text));
        Assert.Equal(["a", "b"], components[1].Parameters.Select(p => p.Text));
        Assert.All(components.SelectMany(c => c.Parameters), p => Assert.Null(p.ParameterName));
    }

    [Fact]
    public void NamedParametersCarryTheirNames()
    {
        IReadOnlyList<CampaignParameter> mapping = [new("body", "first_name", "attribute", "first_name")];

        var body = Assert.Single(ParameterMapping.Components(mapping, ["Ana"], named: true)!);

        Assert.Equal(("first_name", "Ana"), (body.Parameters[0].ParameterName, body.Parameters[0].Text));
    }

    [Fact]
    public void ATemplateWithoutParametersHasNoComponents() =>
        Assert.Null(ParameterMapping.Components([], [], named: false));
}
