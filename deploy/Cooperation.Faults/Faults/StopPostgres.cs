namespace Cooperation.Faults;

/// <summary>PostgreSQL stopped immediately (a crash: no checkpoint, recovery at start) and started again, three times in the full form.</summary>
internal sealed class StopPostgres(Suite suite) : LoadFault(suite, $"PostgreSQL stopped (immediate) x {Rounds(suite)}", suite.Seconds(15, 2))
{
    private static int Rounds(Suite suite) => suite.Full ? 3 : 1;

    protected override async Task<DateTimeOffset> InjectAsync(Answers answers)
    {
        var healed = DateTimeOffset.UtcNow;
        for (var round = 0; round < Rounds(Suite); round++)
        {
            if (round > 0) await Task.Delay(Suite.Seconds(10, 2));
            healed = await Suite.Infra.OutageAsync("pg-stop immediate", Suite.Seconds(10, 2), "pg-start");
        }
        return healed;
    }
}
