namespace WhatsAppGenesys.Hosting.Processes;

// Where resource output goes: the console (one colour per resource when it is a terminal), prefixed with the
// resource name, like the Aspire dashboard's console logs collapsed into one stream.
internal sealed class ResourceConsole(bool enabled)
{
    private static readonly string[] Palette = ["36", "32", "33", "35", "34", "96", "92", "93", "95", "94"];
    private readonly Lock _gate = new();
    private readonly Dictionary<string, string> _colours = [];
    private readonly bool _useColour = enabled && !Console.IsOutputRedirected;
    private int _width = 16;

    public bool Enabled { get; } = enabled;

    public bool UsesColour => _useColour;

    public void WriteLine(string source, string text, bool isError = false)
    {
        if (!Enabled)
        {
            return;
        }

        lock (_gate)
        {
            _width = Math.Max(_width, source.Length);
            var prefix = source.PadRight(_width);
            if (_useColour)
            {
                if (!_colours.TryGetValue(source, out var colour))
                {
                    colour = _colours[source] = Palette[_colours.Count % Palette.Length];
                }
                prefix = $"\u001b[{(isError ? "31" : colour)}m{prefix}\u001b[0m";
            }
            Console.Out.WriteLine($"{prefix} | {text}");
        }
    }
}

// The recent output of one resource: kept so a start-up failure can show what the process said before dying.
internal sealed class ResourceLog(string resourceName, ResourceConsole console, int capacity = 60)
{
    private readonly Queue<string> _tail = new();
    private readonly Lock _gate = new();

    public string ResourceName { get; } = resourceName;

    public void Write(string source, string line, bool isError = false)
    {
        lock (_gate)
        {
            if (_tail.Count == capacity)
            {
                _tail.Dequeue();
            }
            _tail.Enqueue($"{source}: {line}");
        }
        console.WriteLine(source, line, isError);
    }

    public IReadOnlyList<string> Tail()
    {
        lock (_gate)
        {
            return [.. _tail];
        }
    }

    public string FormatTail(int lines = 25)
    {
        var tail = Tail();
        return tail.Count == 0
            ? "(no output)"
            : string.Join(Environment.NewLine, tail.Skip(Math.Max(0, tail.Count - lines)).Select(l => "    " + l));
    }
}
