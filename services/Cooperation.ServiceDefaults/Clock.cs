namespace Cooperation.ServiceDefaults;

public static class Clock
{
    /// <summary>The UTC day of a moment, against which expiry and overdue dates are read.</summary>
    public static DateOnly Day(this DateTimeOffset moment) => DateOnly.FromDateTime(moment.UtcDateTime);

    /// <summary>The current UTC day.</summary>
    public static DateOnly Today(this TimeProvider clock) => clock.GetUtcNow().Day();
}
