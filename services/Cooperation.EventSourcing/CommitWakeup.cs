using JasperFx.Events.Daemon.HighWater;
using Marten;
using Marten.Services;

namespace Cooperation.EventSourcing;

/// <summary>
/// Wakes the daemon when this process commits events while it waits out an idle poll. The daemon waits between looks for
/// new events on <see cref="WaitAsync"/>: <c>busy</c> (100 ms) after a look that found new events still behind a gap,
/// <c>idle</c> (250 ms) after one that found every event committed, which is also the usual case while events arrive.
/// That long wait was most of an event's time to the broker, so a commit ends it, but no sooner than <c>busy</c> after the
/// last look: a commit after a quiet spell is looked for at once, and a stream of them is looked for every <c>busy</c>,
/// a page each time. (Looks closer together made pages of a few events, each with its broker round trip, checkpoint and
/// consumer batches, and cost more CPU per write than they saved in lag.)
/// <para>
/// Nor does a commit wake the daemon while the publisher hands a page over: the page's end does, and what came meanwhile
/// goes out in the next one.
/// </para>
/// <para>
/// Nothing is written for it: an idle system polls as before, and events another instance commits are found by the leader's
/// next look, woken by its own commits or its poll. (A NOTIFY per append would wake every instance's daemon, but makes
/// PostgreSQL commit the notifying transactions one at a time.)
/// </para>
/// </summary>
public sealed class CommitWakeup(TimeSpan busy, TimeSpan idle) : DocumentSessionListenerBase, IDaemonWakeup
{
    private readonly SemaphoreSlim signal = new(0, 1);
    private int signalled;  // the semaphore has been released and no wait has taken it yet
    private int unseen;     // events have been committed since the last look began
    private int publishing; // the publisher is handing a page to the broker
    private long lastLook;

    public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
    {
        if (!commit.GetEvents().Any()) return Task.CompletedTask;
        // Full fences on both sides (here and in PageDone): a commit that ends as a page is done is seen by one of them.
        Interlocked.Exchange(ref unseen, 1);
        if (Interlocked.CompareExchange(ref publishing, 0, 0) == 0) Wake();
        return Task.CompletedTask;
    }

    /// <summary>The publisher has begun handing a page to the broker.</summary>
    public void PageStarted() => Interlocked.Exchange(ref publishing, 1);

    /// <summary>The publisher is done with its page: what was committed meanwhile is looked for now.</summary>
    public void PageDone()
    {
        Interlocked.Exchange(ref publishing, 0);
        if (Interlocked.CompareExchange(ref unseen, 0, 0) == 1) Wake();
    }

    public async Task WaitAsync(TimeSpan timeout, CancellationToken token)
    {
        // The short wait stands: the events behind the gap are looked for again then.
        if (timeout < idle)
        {
            await Task.Delay(timeout, token);
            return;
        }
        var deadline = TimeProvider.System.GetUtcNow() + timeout;
        for (var left = timeout; left > TimeSpan.Zero && await signal.WaitAsync(left, token); left = deadline - TimeProvider.System.GetUtcNow())
        {
            Interlocked.Exchange(ref signalled, 0);
            var early = busy - TimeProvider.System.GetElapsedTime(Interlocked.Read(ref lastLook));
            if (early > TimeSpan.Zero) await Task.Delay(early, token);
            // A page begun since the commit that woke us (the last look's) is waited for: its end wakes us again.
            if (Interlocked.CompareExchange(ref publishing, 0, 0) == 0) break;
        }
        // The look that follows sees every event committed until now.
        Interlocked.Exchange(ref unseen, 0);
        Interlocked.Exchange(ref lastLook, TimeProvider.System.GetTimestamp());
    }

    /// <summary>One release per wait at most.</summary>
    private void Wake()
    {
        if (Interlocked.Exchange(ref signalled, 1) == 0) signal.Release();
    }

    /// <summary>Nothing to release: commits may still end after the daemon stops, and it may start again.</summary>
    public void Dispose() { }
}
