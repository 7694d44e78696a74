namespace Cooperation.Dashboard.Feed;

/// <summary>Wakes the open feeds when an event has been recorded, so they read the log at once rather than on their next poll.</summary>
public sealed class FeedSignal
{
    private TaskCompletionSource next = New();

    /// <summary>Completes at the next pulse. Take it before reading the log, so a pulse in between is not missed.</summary>
    public Task Next => Volatile.Read(ref next).Task;

    public void Pulse() => Interlocked.Exchange(ref next, New()).TrySetResult();

    private static TaskCompletionSource New() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
