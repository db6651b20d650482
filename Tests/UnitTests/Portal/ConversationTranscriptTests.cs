using WhatsAppGenesys.AgentWeb.Conversations;
using WhatsAppGenesys.Contracts.Agents;

namespace WhatsAppGenesys.UnitTests.Portal;

/// <summary>The agent page's messages: kept once by sequence, and a missed push found by the next one.</summary>
public sealed class ConversationTranscriptTests
{
    private static readonly Guid Conversation = Guid.NewGuid();

    private static AgentMessage Message(long sequence, long? previous = null, string? status = null) => new(sequence, Conversation,
        $"m{sequence}", "outbound", "text", $"text {sequence}", null, null, null, null, DateTimeOffset.UnixEpoch, status, null, previous);

    [Fact]
    public void PushesInTurnRevealNoGap()
    {
        var transcript = new ConversationTranscript();
        transcript.AddLoaded([Message(3), Message(7)]);

        Assert.Null(transcript.AddPushed(Message(12, previous: 7)));
        Assert.Null(transcript.AddPushed(Message(15, previous: 12)));
        Assert.Equal([3L, 7, 12, 15], transcript.Messages.Select(m => m.Sequence));
        Assert.Equal(15, transcript.LastSequence);
    }

    [Fact]
    public void APushAfterAMissedOneAsksForWhatCameAfterTheLastMessageHeldBeforeIt()
    {
        var transcript = new ConversationTranscript();
        transcript.AddLoaded([Message(3), Message(7)]);

        // 12 was never pushed: 15 names it, and the page loads what came after 7.
        Assert.Equal(7, transcript.AddPushed(Message(15, previous: 12)));
        transcript.AddLoaded([Message(12), Message(15)]);
        Assert.Equal([3L, 7, 12, 15], transcript.Messages.Select(m => m.Sequence));
    }

    [Fact]
    public void AConversationsFirstMessageOrAPushBeforeTheFirstLoadIsHandled()
    {
        var transcript = new ConversationTranscript();
        Assert.Null(transcript.AddPushed(Message(4, previous: null)));

        var loading = new ConversationTranscript();
        Assert.Equal(0, loading.AddPushed(Message(9, previous: 4)));
        Assert.Equal(9, loading.LastSequence);
    }

    [Fact]
    public void APushAlreadyLoadedOrRepeatedIsShownOnce()
    {
        var transcript = new ConversationTranscript();
        transcript.AddLoaded([Message(3), Message(7)]);

        Assert.Null(transcript.AddPushed(Message(7, previous: 3)));
        Assert.Null(transcript.AddPushed(Message(7, previous: 3)));
        Assert.Equal(2, transcript.Count);
    }

    [Fact]
    public void TicksMoveForwardOnly()
    {
        var transcript = new ConversationTranscript();
        transcript.AddLoaded([Message(3, status: "read")]);

        Assert.False(transcript.ApplyStatus(new AgentMessageStatus(Conversation, "m3", "delivered", null, DateTimeOffset.UnixEpoch)));
        Assert.True(transcript.ApplyStatus(new AgentMessageStatus(Conversation, "m3", "failed", "Re-engagement message", DateTimeOffset.UnixEpoch)));
        Assert.Equal(("failed", "Re-engagement message"), (transcript.Messages.Single().Status, transcript.Messages.Single().FailureReason));
        Assert.False(transcript.ApplyStatus(new AgentMessageStatus(Conversation, "m9", "read", null, DateTimeOffset.UnixEpoch)));
    }
}
