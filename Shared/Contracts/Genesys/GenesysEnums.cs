using System.Text.Json.Serialization;

namespace WhatsAppGenesys.Contracts.Genesys;

// Every enum is written as its name. Reading is case-insensitive and maps a value Genesys adds later to Unknown,
// so a new content type or status never makes a whole webhook unreadable.

[JsonConverter(typeof(TolerantEnumConverter<GenesysIdType>))]
public enum GenesysIdType { Unknown, Email, Phone, Opaque }

[JsonConverter(typeof(TolerantEnumConverter<GenesysMediaType>))]
public enum GenesysMediaType { Unknown, Image, Video, Audio, File, Link }

[JsonConverter(typeof(TolerantEnumConverter<GenesysMessageType>))]
public enum GenesysMessageType { Unknown, Text, Structured, Receipt, Event }

[JsonConverter(typeof(TolerantEnumConverter<GenesysContentType>))]
public enum GenesysContentType
{
    Unknown, Attachment, QuickReply, Notification, ButtonResponse, Card, Carousel, DatePicker, List, Generic, Text,
    Reactions, Story,
}

[JsonConverter(typeof(TolerantEnumConverter<GenesysReceiptStatus>))]
public enum GenesysReceiptStatus { Unknown, Sent, Delivered, Read, Failed, Published, Removed }

/// <summary>Why a message failed, as Genesys shows it to the agent.</summary>
[JsonConverter(typeof(TolerantEnumConverter<GenesysReasonCode>))]
public enum GenesysReasonCode
{
    Unknown, MessageExpired, RateLimited, MessageNotAllowed, GeneralError, UnsupportedMessage, UnknownMessage,
    InvalidMessageStructure, InvalidDestination, ServerError, MediaTypeNotAllowed, InvalidMediaContentLength,
    RecipientOptedOut,
}

[JsonConverter(typeof(TolerantEnumConverter<GenesysDirection>))]
public enum GenesysDirection { Unknown, Inbound, Outbound }

[JsonConverter(typeof(TolerantEnumConverter<GenesysOriginatingEntity>))]
public enum GenesysOriginatingEntity { Unknown, Human, Bot }

[JsonConverter(typeof(TolerantEnumConverter<GenesysEventType>))]
public enum GenesysEventType { Unknown, Typing, Presence }

[JsonConverter(typeof(TolerantEnumConverter<GenesysTypingType>))]
public enum GenesysTypingType { Unknown, On }

[JsonConverter(typeof(TolerantEnumConverter<GenesysTemplateHeaderType>))]
public enum GenesysTemplateHeaderType { Unknown, Text, Media }

[JsonConverter(typeof(TolerantEnumConverter<GenesysButtonResponseType>))]
public enum GenesysButtonResponseType { Unknown, Button, QuickReply, DatePicker, ListPicker }
