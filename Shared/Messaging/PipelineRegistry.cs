using Microsoft.Extensions.Configuration;

namespace WhatsAppGenesys.Messaging;

/// <summary>
/// The pipelines this process publishes to or consumes, with their options. One instance per service collection, so a
/// service that both publishes and consumes a pipeline uses one set of options (and one partition count).
/// </summary>
public sealed class PipelineRegistry
{
    private readonly Dictionary<string, PipelineOptions> _pipelines = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Pipelines => _pipelines.Keys;

    public PipelineOptions Get(string pipeline) =>
        _pipelines.TryGetValue(pipeline, out var options)
            ? options
            : throw new InvalidOperationException($"Pipeline '{pipeline}' is not registered; call AddPipelinePublisher or AddPipelineConsumer.");

    public bool Contains(string pipeline) => _pipelines.ContainsKey(pipeline);

    /// <summary>Binds the pipeline's options on first registration; later registrations may refine them.</summary>
    internal PipelineOptions GetOrAdd(string pipeline, IConfiguration configuration, Action<PipelineOptions>? configure, out bool added)
    {
        added = !_pipelines.TryGetValue(pipeline, out var options);
        if (options is null)
        {
            options = new PipelineOptions { QueueType = configuration.GetValue(PipelineOptions.QueueTypeKey, Topology.QueueType.Classic) };
            configuration.GetSection($"{PipelineOptions.SectionPrefix}:{pipeline}").Bind(options);
            _pipelines.Add(pipeline, options);
        }
        var partitions = options.Partitions;
        configure?.Invoke(options);
        if (!added && options.Partitions != partitions)
        {
            throw new InvalidOperationException($"Pipeline '{pipeline}' is registered twice with different partition counts ({partitions} and {options.Partitions}).");
        }
        options.Validate(pipeline);
        return options;
    }
}
