using System.Text;

namespace WhatsAppGenesys.AppHostTesting;

public static class ProcessEnvironment
{
    /// <summary>The environment a process was started with (/proc/&lt;pid&gt;/environ).</summary>
    public static IReadOnlyDictionary<string, string> Read(int pid) =>
        Encoding.UTF8.GetString(File.ReadAllBytes($"/proc/{pid}/environ"))
            .Split('\0', StringSplitOptions.RemoveEmptyEntries)
            .Select(entry => entry.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .GroupBy(pair => pair[0])
            .ToDictionary(g => g.Key, g => g.Last()[1]);
}
