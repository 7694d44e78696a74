using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Cooperation.Identity.Store;

public static class Preparing
{
    /// <summary>
    /// Creates the store's tables on the first start against an empty schema, under an advisory lock so that two instances
    /// starting together create them once; then runs <paramref name="after"/> under the same lock (the keys, the clients, the
    /// first accounts), so that every instance finds what the first one made.
    /// </summary>
    public static async Task PrepareAsync(this IServiceProvider services, Func<IServiceProvider, Task> after, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IdentityStore>();
        await store.Database.OpenConnectionAsync(ct);
        try
        {
            await store.Database.ExecuteSqlRawAsync("select pg_advisory_lock(hashtext('cooperation.identity.prepare'))", ct);
            var exists = await store.Database.SqlQueryRaw<bool>(
                $"select to_regclass('{IdentityStore.Schema}.\"AspNetUsers\"') is not null as \"Value\"").SingleAsync(ct);
            if (!exists) await store.GetService<IRelationalDatabaseCreator>().CreateTablesAsync(ct);
            await after(scope.ServiceProvider);
        }
        finally
        {
            await store.Database.ExecuteSqlRawAsync("select pg_advisory_unlock(hashtext('cooperation.identity.prepare'))", CancellationToken.None);
            await store.Database.CloseConnectionAsync();
        }
    }
}
