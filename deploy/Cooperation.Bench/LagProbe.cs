using Cooperation.Load;

namespace Cooperation.Bench;

/// <summary>
/// An independent consumer of <c>cooperation.events</c> on a queue of its own: for every agreement registered by the run it
/// notes how long after the event's recorded time the message arrived.
/// </summary>
public sealed class LagProbe : IAsyncDisposable
{
    private readonly EventTap tap;
    private readonly string run;

    private LagProbe(EventTap tap, string run) => (this.tap, this.run) = (tap, run);

    public static async Task<LagProbe> StartAsync(string amqp, string run) => new(await EventTap.StartAsync(amqp, "cooperation-bench"), run);

    private IEnumerable<Arrival> Mine => tap.Arrivals.Where(a => a.EventType == "agreement_registered" && a.Title?.StartsWith($"Bench {run} ", StringComparison.Ordinal) == true);

    public int Count => Mine.Count();

    public int ArrivedBy(DateTimeOffset moment) => Mine.Count(a => a.Arrived <= moment);

    public (double P50, double P99, double Max) Lag()
    {
        var lags = Mine.Select(a => (a.Arrived - a.RecordedAt).TotalMilliseconds).Order().ToArray();
        return (Stats.Percentile(lags, 0.5), Stats.Percentile(lags, 0.99), lags.Length == 0 ? double.NaN : lags[^1]);
    }

    public ValueTask DisposeAsync() => tap.DisposeAsync();
}
