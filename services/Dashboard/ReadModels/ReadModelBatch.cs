using Marten;

namespace Cooperation.Dashboard.ReadModels;

/// <summary>
/// The read-model rows one batch of events changes: each loaded once, changed in memory as often as the events say,
/// stored once at the end, so a rebuild does not read back what it has not saved yet.
/// </summary>
public sealed class ReadModelBatch(IDocumentSession session)
{
    private readonly Dictionary<(Type, string), object> rows = new();

    public Task Update<T>(Guid id, Func<T?, T?> apply, CancellationToken ct) where T : class =>
        Update(id.ToString(), () => session.LoadAsync<T>(id, ct), apply);

    public Task Update<T>(string id, Func<T?, T?> apply, CancellationToken ct) where T : class =>
        Update(id, () => session.LoadAsync<T>(id, ct), apply);

    private async Task Update<T>(string id, Func<Task<T?>> load, Func<T?, T?> apply) where T : class
    {
        var key = (typeof(T), id);
        var current = rows.TryGetValue(key, out var row) ? (T)row : await load();
        if (apply(current) is { } next) rows[key] = next;
    }

    public int Count => rows.Count;

    public void Flush()
    {
        session.StoreObjects(rows.Values);
        rows.Clear();
    }
}
