using WhatsAppGenesys.Contracts.Genesys;
using WhatsAppGenesys.Contracts.Meta;

namespace WhatsAppGenesys.InboundTransformer.Mapping;

/// <summary>
/// Who sent a message, and when, as Genesys wants it. The phone number is the customer's identity as long as Meta
/// gives one; the BSUID (Opaque) only when it does not, so conversations of existing customers stay where they are.
/// </summary>
public static class GenesysChannelBuilder
{
    public static GenesysInboundChannel For(MetaMessage message, InboundMappingContext context) => new()
    {
        From = Sender(message, context.Contact),
        Time = DateTimeOffset.FromUnixTimeSeconds(message.Timestamp),
        MessageId = message.Id,
        Metadata = new GenesysChannelMetadata { CustomAttributes = CustomAttributes(message, context) },
    };

    /// <exception cref="ArgumentException">Neither a phone number nor a BSUID: nobody to answer.</exception>
    public static GenesysRecipient Sender(MetaMessage message, MetaContact? contact)
    {
        var phone = message.From ?? contact?.WaId;
        var bsuid = BsuidOf(message, contact);
        var name = Blank(contact?.Profile?.Name);
        var nickname = name ?? Blank(contact?.Profile?.Username);

        if (!string.IsNullOrWhiteSpace(phone))
        {
            return new GenesysRecipient
            {
                Id = phone.StartsWith('+') ? phone : "+" + phone,
                IdType = GenesysIdType.Phone,
                FirstName = name,
                Nickname = nickname,
            };
        }
        if (bsuid is not null)
        {
            return new GenesysRecipient
            {
                Id = bsuid, IdType = GenesysIdType.Opaque, FirstName = name, Nickname = nickname,
            };
        }
        throw new ArgumentException($"Message {message.Id} has neither a phone number nor a BSUID.", nameof(message));
    }

    public static string? BsuidOf(MetaMessage message, MetaContact? contact) =>
        Blank(message.FromUserId) ?? Blank(contact?.UserId);

    private static Dictionary<string, string> CustomAttributes(MetaMessage message, InboundMappingContext context)
    {
        var attributes = new Dictionary<string, string>
        {
            [InboundMetadataKeys.TenantId] = context.TenantId,
            [InboundMetadataKeys.PhoneNumberId] = context.PhoneNumberId,
        };
        if (BsuidOf(message, context.Contact) is { } bsuid)
        {
            attributes[InboundMetadataKeys.Bsuid] = bsuid;
        }
        if (context.CampaignId is { } campaignId)
        {
            attributes[InboundMetadataKeys.CampaignId] = campaignId;
        }
        return attributes;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
