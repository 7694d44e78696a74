namespace Cooperation.Faults;

/// <summary>One fault: what it does to the system. It leaves its row in the suite's results; the tally counts it.</summary>
internal abstract class Fault(Suite suite)
{
    protected Suite Suite { get; } = suite;

    /// <summary>Whether this system has what the fault needs (a second instance, a standby).</summary>
    public virtual bool Applies => true;

    public abstract Task RunAsync();
}

/// <summary>
/// A fault the write load goes on under: from a whole system, the load writes a while, the fault is made and undone, and
/// the load goes on for <c>after</c>. Its row holds the load's writes, with the time the fault was undone.
/// </summary>
internal abstract class LoadFault(Suite suite, string name, TimeSpan after) : Fault(suite)
{
    /// <summary>Makes the fault and undoes it; returns when it was undone.</summary>
    protected abstract Task<DateTimeOffset> InjectAsync(Answers answers);

    /// <summary>The row's problem once the load has stopped: the fault's failure to be made or undone, if any.</summary>
    protected virtual Task<string?> ProblemAsync(string? failure) => Task.FromResult(failure);

    /// <summary>
    /// Where the fault must cost callers next to nothing (a dead instance: the gateway sends what it could not deliver to the
    /// other), the share of writes that may be refused (else any). Never fewer than one per writer: the requests in flight to
    /// what died had reached it, and are answered 503 rather than sent twice. Only answers count: a client's own timeout does not.
    /// </summary>
    protected virtual double? MostRefused => null;

    private const int Writers = 4;

    public override async Task RunAsync()
    {
        await Suite.ReadyAsync();
        Suite.Log(name);
        var answers = new Answers();
        using var stop = new CancellationTokenSource();
        var load = Suite.Writer.RunAsync(name, answers, clients: Writers, stop.Token);
        await Task.Delay(Suite.Seconds(5, 1));
        var injected = DateTimeOffset.UtcNow;
        DateTimeOffset healed;
        string? failure = null;
        try { healed = await InjectAsync(answers); }
        catch (Exception e) when (e is InvalidOperationException or HttpRequestException or IOException)
        {
            // The fault could not be made or undone: say so in its row, and go on with the others.
            (healed, failure) = (DateTimeOffset.UtcNow, $"the fault failed: {e.Message}");
        }
        await Task.Delay(after);
        await stop.CancelAsync();
        await load;
        Suite.Results.Add(new Result(name, answers, injected, healed) { Problem = await ProblemAsync(failure) ?? TooManyRefused(answers) });
    }

    private string? TooManyRefused(Answers answers)
    {
        if (MostRefused is not { } share) return null;
        // Answers refused by the system (503 and the like); a client's own timeout ("no answer") is the machine's load, not the kill.
        var (refused, writes) = (answers.Refused.Where(r => r.Key != "no answer").Sum(r => r.Value), answers.Acked.Count);
        var most = Math.Max(Writers, (int)(share * writes));
        return refused > most ? $"{refused} refused of {writes} writes, more than {most} ({share:P1}, or one per writer)" : null;
    }
}

/// <summary>A fault made without the write load (clients racing on one thing): its row holds only what the fault itself wrote.</summary>
internal abstract class StandaloneFault(Suite suite, string announce, string name) : Fault(suite)
{
    /// <summary>Makes the fault, noting the answers in the row's; returns the row with what the fault counted its own way.</summary>
    protected abstract Task<Result> MakeAsync(Result row);

    public override async Task RunAsync()
    {
        Suite.Log(announce);
        var started = DateTimeOffset.UtcNow;
        Suite.Results.Add(await MakeAsync(new Result(name, new Answers(), started, started)));
    }
}
