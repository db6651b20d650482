namespace WhatsAppGenesys.Hosting.Orchestration;

/// <summary>The "what is running where" table printed once everything is up (secrets masked).</summary>
internal static class ResourceTable
{
    public static IEnumerable<string> Format(IEnumerable<Resource> resources)
    {
        var rows = resources
            .Select(r => new[]
            {
                r.Name,
                r.Kind,
                r.State.ToString(),
                string.Join(",", r.ProcessIds),
                ConnectionStringMasker.MaskSecrets(r.DescribeEndpoint()),
            })
            .Prepend(["RESOURCE", "KIND", "STATE", "PID", "ENDPOINT"])
            .ToList();
        var widths = Enumerable.Range(0, 4).Select(c => rows.Max(row => row[c].Length)).ToArray();
        return rows.Select(row => string.Join("  ", row.Take(4).Select((cell, c) => cell.PadRight(widths[c])).Append(row[4])));
    }
}
