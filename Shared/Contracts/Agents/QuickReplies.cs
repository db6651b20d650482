namespace WhatsAppGenesys.Contracts.Agents;

/// <summary>
/// A saved answer agents insert into the composer instead of typing it again. Every agent of the workspace uses them;
/// supervisors and admins keep them.
/// </summary>
public sealed record QuickReplyView(Guid Id, string Title, string Text, string? UpdatedBy, DateTimeOffset UpdatedAt);

/// <summary>Body of <c>POST /api/v1/agent/quick-replies</c> and <c>PUT /api/v1/agent/quick-replies/{id}</c>.</summary>
public sealed record QuickReplyRequest(string? Title, string? Text)
{
    public const int MaxTitleLength = 60;
}
