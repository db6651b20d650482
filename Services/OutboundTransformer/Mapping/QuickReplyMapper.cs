using WhatsAppGenesys.Contracts.Genesys;
using WhatsAppGenesys.Contracts.Meta;

namespace WhatsAppGenesys.OutboundTransformer.Mapping;

/// <summary>
/// Genesys quick replies → WhatsApp interactive messages: up to 3 as reply buttons (titles ≤ 20), up to 10 as a
/// list (row titles ≤ 24). Titles are shortened with "…"; the payload comes back to us as the reply id.
/// </summary>
public static class QuickReplyMapper
{
    public const int MaxButtons = 3;
    public const int MaxRows = 10;
    private const int ButtonTitleLimit = 20;
    private const int RowTitleLimit = 24;
    private const int ButtonIdLimit = 256;
    private const int RowIdLimit = 200;
    private const int ButtonBodyLimit = 1024;
    private const int ListBodyLimit = 4096;
    public const string DefaultBody = "Please choose an option:";
    public const string ListButtonLabel = "Choose an option";

    /// <summary>The interactive message (after leading text when the question is too long for a body), or why not.</summary>
    public static (QuickReplyMessage? Message, OutboundPlan.Reject? Rejection) Map(
        string? text, IReadOnlyList<GenesysQuickReply> replies)
    {
        if (replies.Count > MaxRows)
        {
            return (null, new OutboundPlan.Reject(GenesysReasonCode.InvalidMessageStructure,
                $"WhatsApp shows at most {MaxRows} options; this message has {replies.Count}."));
        }
        var asButtons = replies.Count <= MaxButtons;
        var body = string.IsNullOrWhiteSpace(text) ? DefaultBody : text;
        IReadOnlyList<string> leadingText = [];
        if (body.Length > (asButtons ? ButtonBodyLimit : ListBodyLimit))
        {
            // Too long to be the question itself: it goes as text first, then the options.
            leadingText = TextSplitter.Split(body);
            body = DefaultBody;
        }
        return (new QuickReplyMessage(leadingText, asButtons ? Buttons(body, replies) : List(body, replies)), null);
    }

    private static MetaSendInteractive Buttons(string body, IReadOnlyList<GenesysQuickReply> replies) => new()
    {
        Type = "button",
        Body = new MetaInteractiveText { Text = body },
        Action = new MetaInteractiveAction
        {
            Buttons = replies.Select(r => new MetaReplyButton
            {
                Reply = new MetaReplyButtonContent
                {
                    Id = TextSplitter.Truncate(IdOf(r), ButtonIdLimit),
                    Title = TextSplitter.Truncate(TitleOf(r), ButtonTitleLimit),
                },
            }).ToList(),
        },
    };

    private static MetaSendInteractive List(string body, IReadOnlyList<GenesysQuickReply> replies) => new()
    {
        Type = "list",
        Body = new MetaInteractiveText { Text = body },
        Action = new MetaInteractiveAction
        {
            Button = ListButtonLabel,
            Sections =
            [
                new MetaListSection
                {
                    Rows = replies.Select(r => new MetaListRow
                    {
                        Id = TextSplitter.Truncate(IdOf(r), RowIdLimit),
                        Title = TextSplitter.Truncate(TitleOf(r), RowTitleLimit),
                    }).ToList(),
                },
            ],
        },
    };

    private static string TitleOf(GenesysQuickReply reply) => reply.Text ?? reply.Payload ?? "";

    private static string IdOf(GenesysQuickReply reply) => reply.Payload ?? reply.Text ?? "";
}

/// <summary>The options message, and any text that has to go before it.</summary>
public sealed record QuickReplyMessage(IReadOnlyList<string> LeadingText, MetaSendInteractive Interactive);
