using Microsoft.EntityFrameworkCore.Storage;
using Npgsql.EntityFrameworkCore.PostgreSQL;

namespace Cooperation.Identity.Store;

/// <summary>
/// Runs the store's commands again when one fails for a reason that passes (Npgsql's transient failures): above all a
/// pooled connection the server dropped (a restart, a failover, an administrator's terminate), which the next attempt
/// replaces with a new one, so that a sign-in or an account's creation after a restart succeeds instead of answering 500.
/// A transaction begun by its caller (OpenIddict's deletes) is run once as it is: a retry could not repeat its earlier
/// commands.
/// </summary>
public sealed class ReconnectingStrategy(ExecutionStrategyDependencies dependencies)
    : NpgsqlRetryingExecutionStrategy(dependencies, maxRetryCount: 5, maxRetryDelay: TimeSpan.FromSeconds(2), errorCodesToAdd: null)
{
    private bool InCallersTransaction => Dependencies.CurrentContext.Context.Database.CurrentTransaction is not null;

    protected override void OnFirstExecution()
    {
        if (InCallersTransaction) ExceptionsEncountered.Clear();
        else base.OnFirstExecution();
    }

    protected override bool ShouldRetryOn(Exception? exception) => !InCallersTransaction && base.ShouldRetryOn(exception);
}
