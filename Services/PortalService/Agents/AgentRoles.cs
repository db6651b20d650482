namespace WhatsAppGenesys.PortalService.Agents;

/// <summary>
/// The portal's three roles, derived from the user's Genesys roles at every sign-in and sync: an organization's
/// administrators ("admin", "Master Admin") are Admin, its supervisors ("Supervisor", or any role naming it) are
/// Supervisor, and everyone else who may sign in to Genesys is an Agent. Admins and supervisors see every agent's
/// conversations; agents see their own.
/// </summary>
public static class AgentRoles
{
    public const string Admin = "Admin";
    public const string Supervisor = "Supervisor";
    public const string Agent = "Agent";

    public static string FromGenesys(IEnumerable<string> genesysRoles)
    {
        var roles = genesysRoles.Select(r => r.Trim()).ToList();
        if (roles.Any(r => r.Equals("admin", StringComparison.OrdinalIgnoreCase) ||
                           r.Equals("Master Admin", StringComparison.OrdinalIgnoreCase)))
        {
            return Admin;
        }
        return roles.Any(r => r.Contains("supervisor", StringComparison.OrdinalIgnoreCase)) ? Supervisor : Agent;
    }

    /// <summary>Admins and supervisors oversee every conversation of their tenant.</summary>
    public static bool SeesAllConversations(string role) => role is Admin or Supervisor;
}
