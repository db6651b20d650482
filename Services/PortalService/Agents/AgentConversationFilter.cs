namespace WhatsAppGenesys.PortalService.Agents;

/// <summary>Which conversations an agent lists.</summary>
public enum AgentConversationFilter
{
    /// <summary>The customer wrote within the <see cref="CustomerServiceWindow"/>.</summary>
    Open,

    /// <summary>The agent replied in it (an outbound message carries their Genesys user id).</summary>
    Mine,

    /// <summary>Every conversation of the tenant: Admin and Supervisor only.</summary>
    All,
}

public static class AgentConversationFilters
{
    public const AgentConversationFilter Default = AgentConversationFilter.Open;

    /// <summary>The query string's <c>filter</c>: <c>open</c> (when absent), <c>mine</c> or <c>all</c>, any case.</summary>
    public static bool TryParse(string? value, out AgentConversationFilter filter)
    {
        filter = Default;
        return string.IsNullOrEmpty(value) || value.ToLowerInvariant() switch
        {
            "open" => Set(AgentConversationFilter.Open, out filter),
            "mine" => Set(AgentConversationFilter.Mine, out filter),
            "all" => Set(AgentConversationFilter.All, out filter),
            _ => false,
        };
    }

    /// <summary>Agents list their own and the open conversations; admins and supervisors may list them all.</summary>
    public static bool IsAllowed(AgentConversationFilter filter, string role) =>
        filter != AgentConversationFilter.All || AgentRoles.SeesAllConversations(role);

    private static bool Set(AgentConversationFilter value, out AgentConversationFilter filter)
    {
        filter = value;
        return true;
    }
}
