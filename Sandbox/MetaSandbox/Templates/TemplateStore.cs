using System.Collections.Concurrent;
using WhatsAppGenesys.Contracts.Meta;

namespace WhatsAppGenesys.MetaSandbox.Templates;

// Every WABA's message templates, oldest first. A name exists once per language. Ids only grow, so a paging cursor
// (an id) keeps its place even when the template it names is deleted.
public sealed class TemplateStore
{
    private readonly ConcurrentDictionary<string, List<StoredTemplate>> _byWaba = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<long, StoredTemplate> _byId = new();
    private long _lastId = Random.Shared.NextInt64(1_000_000_000_000_000, 2_000_000_000_000_000);

    public bool HasAny(string wabaId) => _byWaba.TryGetValue(wabaId, out var list) && Snapshot(list).Length > 0;

    // Null when the WABA already has this name in this language.
    public StoredTemplate? TryAdd(string wabaId, MetaCreateTemplateRequest definition)
    {
        var list = _byWaba.GetOrAdd(wabaId, static _ => []);
        lock (list)
        {
            if (list.Any(t => SameName(t, definition.Name) && t.Language == definition.Language))
            {
                return null;
            }
            var template = new StoredTemplate(Interlocked.Add(ref _lastId, Random.Shared.Next(1, 1000)), wabaId, definition);
            list.Add(template);
            _byId[template.Id] = template;
            return template;
        }
    }

    public StoredTemplate? Find(string wabaId, string name, string language) =>
        List(wabaId).FirstOrDefault(t => SameName(t, name) && t.Language == language);

    public StoredTemplate? FindById(long id) => _byId.GetValueOrDefault(id);

    public IReadOnlyList<StoredTemplate> List(string wabaId) =>
        _byWaba.TryGetValue(wabaId, out var list) ? Snapshot(list) : [];

    // As Meta does: by name removes every language of it; with an id only that one (which must carry the name).
    public IReadOnlyList<StoredTemplate> Delete(string wabaId, string name, long? id)
    {
        if (!_byWaba.TryGetValue(wabaId, out var list))
        {
            return [];
        }
        lock (list)
        {
            var removed = list.Where(t => SameName(t, name) && (id is null || t.Id == id)).ToList();
            foreach (var template in removed)
            {
                list.Remove(template);
                _byId.TryRemove(template.Id, out _);
            }
            return removed;
        }
    }

    private static bool SameName(StoredTemplate template, string name) => string.Equals(template.Name, name, StringComparison.Ordinal);

    private static StoredTemplate[] Snapshot(List<StoredTemplate> list)
    {
        lock (list) { return [.. list]; }
    }
}
