using WhatsAppGenesys.Contracts.Agents;
using WhatsAppGenesys.Contracts.Meta;
using WhatsAppGenesys.PortalService.Agents;
using WhatsAppGenesys.PortalService.Contacts;
using WhatsAppGenesys.PortalService.Templates;

namespace WhatsAppGenesys.UnitTests.Portal;

/// <summary>The composer's template form: which templates it offers, what it prefills, and the send it builds.</summary>
public class AgentTemplateFormsTests
{
    private static MessageTemplateRow Template(string format, params MetaTemplateDefinitionComponent[] components) => new()
    {
        TenantId = "demo",
        MetaId = "1",
        Name = "order_update",
        Language = "en_US",
        Category = MetaTemplateCategory.Utility,
        Status = MetaTemplateStatus.Approved,
        ParameterFormat = format,
        Components = TemplateDefinition.Serialize(components),
    };

    private static readonly Contact Ada = new()
    {
        TenantId = "demo",
        PhoneNumber = "+15551234567",
        Name = "Ada Lovelace",
        Attributes = new() { ["Order_Number"] = "A-1001", ["city"] = "" },
        ConsentStatus = "opted_in",
        ConsentSource = "api",
    };

    [Fact]
    public void NamedPlaceholdersArePrefilledFromTheContactsAttributesAndName()
    {
        var choice = AgentTemplateForms.Choice(Template("NAMED",
            new MetaTemplateDefinitionComponent
            {
                Type = "BODY",
                Text = "Hi {{first_name}}, order {{order_number}} reaches {{city}} on {{ship_day}}.",
                Example = new MetaTemplateExample
                {
                    BodyTextNamedParams = [new() { ParamName = "ship_day", Example = "Monday" }],
                },
            }), Ada);

        Assert.NotNull(choice);
        Assert.Equal(
            [("body", "first_name", "Ada", null), ("body", "order_number", "A-1001", null), ("body", "city", null, null), ("body", "ship_day", null, "Monday")],
            choice.Fields.Select(f => (f.Component, f.Name, f.Prefill, f.Example)));
    }

    [Fact]
    public void PositionalPlaceholdersAreLeftToTheAgentWithTheApprovedSamplesAsHints()
    {
        var choice = AgentTemplateForms.Choice(Template("POSITIONAL",
            new MetaTemplateDefinitionComponent { Type = "HEADER", Format = "TEXT", Text = "Order {{1}}", Example = new() { HeaderText = ["8841"] } },
            new MetaTemplateDefinitionComponent { Type = "BODY", Text = "It ships on {{1}} to {{2}}.", Example = new() { BodyText = [["Monday", "Berlin"]] } }), Ada);

        Assert.Equal(
            [("header", "1", null, "8841"), ("body", "1", null, "Monday"), ("body", "2", null, "Berlin")],
            choice!.Fields.Select(f => (f.Component, f.Name, f.Prefill, f.Example)));
    }

    [Fact]
    public void TemplatesNeedingAFileOrALinkAreNotOffered()
    {
        var body = new MetaTemplateDefinitionComponent { Type = "BODY", Text = "Your invoice." };
        Assert.Null(AgentTemplateForms.Choice(Template("POSITIONAL", new MetaTemplateDefinitionComponent { Type = "HEADER", Format = "DOCUMENT" }, body), Ada));
        Assert.Null(AgentTemplateForms.Choice(Template("POSITIONAL", body, new MetaTemplateDefinitionComponent
        {
            Type = "BUTTONS",
            Buttons = [new MetaTemplateButton { Type = "URL", Text = "Track", Url = "https://example.com/track/{{1}}", Example = ["https://example.com/track/1"] }],
        }), Ada));
        Assert.NotNull(AgentTemplateForms.Choice(Template("POSITIONAL", body), contact: null));
    }

    [Fact]
    public void TheSendCarriesEachValueInPlaceholderOrderAndNamesAnEmptyField()
    {
        var choice = AgentTemplateForms.Choice(Template("NAMED",
            new MetaTemplateDefinitionComponent { Type = "BODY", Text = "Hi {{first_name}}, see you {{day}}." }), contact: null)!;
        AgentTemplateValue[] values = [new("body", "day", " Friday "), new("body", "first_name", "Ada")];

        var (components, missing) = AgentTemplateForms.Components(choice, values, named: true);

        Assert.Null(missing);
        var body = Assert.Single(components!);
        Assert.Equal("body", body.Type);
        Assert.Equal([("first_name", "Ada"), ("day", "Friday")], body.Parameters.Select(p => (p.ParameterName, p.Text)));
        Assert.Equal("Hi Ada, see you Friday.", AgentTemplateForms.Render(choice.BodyText, "body", values.Select(v => v with { Value = v.Value.Trim() }).ToList()));

        var (none, empty) = AgentTemplateForms.Components(choice, [values[1], new("body", "day", "  ")], named: true);
        Assert.Null(none);
        Assert.Equal("body {{day}}", empty);
    }
}
