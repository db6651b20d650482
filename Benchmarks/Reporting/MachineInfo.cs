using System.Globalization;
using System.Runtime.InteropServices;

namespace WhatsAppGenesys.Benchmarks.Reporting;

/// <summary>The machine a run was made on, read from /proc and /etc/os-release, so numbers are never quoted without it.</summary>
public sealed record MachineInfo(int Cores, string CpuModel, double MemoryGiB, string OperatingSystem, string Kernel, string DotNet, DateTimeOffset Date)
{
    public static MachineInfo Read() => new(
        Environment.ProcessorCount,
        FirstValue("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString(),
        (FirstValue("/proc/meminfo", "MemTotal") is { } kb ? long.Parse(kb.Split(' ')[0], CultureInfo.InvariantCulture) : 0) / 1024.0 / 1024.0,
        OsRelease() ?? RuntimeInformation.OSDescription,
        Read("/proc/sys/kernel/osrelease") ?? "",
        RuntimeInformation.FrameworkDescription,
        DateTimeOffset.UtcNow);

    /// <summary>The 1-, 5- and 15-minute load averages, e.g. "0.42 0.55 0.61".</summary>
    public static string LoadAverage() => string.Join(' ', (Read("/proc/loadavg") ?? "? ? ?").Split(' ').Take(3));

    private static string? OsRelease() =>
        File.Exists("/etc/os-release")
            ? File.ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))?["PRETTY_NAME=".Length..].Trim('"')
            : null;

    private static string? FirstValue(string path, string key) =>
        File.Exists(path)
            ? File.ReadLines(path).Where(l => l.StartsWith(key, StringComparison.Ordinal)).Select(l => l[(l.IndexOf(':') + 1)..].Trim()).FirstOrDefault()
            : null;

    private static string? Read(string path) => File.Exists(path) ? File.ReadAllText(path).Trim() : null;
}
