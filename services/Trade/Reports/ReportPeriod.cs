using System.Globalization;
using System.Text.Json.Serialization;

namespace Cooperation.Trade.Reports;

/// <summary>
/// The span a trade report covers, in whole months and at most a year: "2009"-"2009", "2012-01"-"2012-05", a quarter.
/// Stored in canonical form (a calendar year as its year, anything else as months), so one span has one spelling.
/// </summary>
public sealed record ReportPeriod(PartialDate From, PartialDate To)
{
    public const int MaxMonths = 12;

    /// <summary>The period from two partial dates, or why they do not make one.</summary>
    public static (ReportPeriod? Period, string? Error) Of(PartialDate from, PartialDate to)
    {
        if (from.Day is not null || to.Day is not null)
            return (null, "a period runs over whole months: give years (2012) or months (2012-05).");
        var (first, last) = (FirstMonthOf(from), LastMonthOf(to));
        if (last < first) return (null, "period.to comes before period.from.");
        if (last - first + 1 > MaxMonths) return (null, $"a period covers at most {MaxMonths} months.");
        return (FromMonths(first, last), null);
    }

    private static ReportPeriod FromMonths(int first, int last) =>
        last - first == 11 && first % 12 == 0
            ? new ReportPeriod(PartialDate.Parse($"{first / 12:D4}"), PartialDate.Parse($"{first / 12:D4}"))
            : new ReportPeriod(Month(first), Month(last));

    private static PartialDate Month(int index) => PartialDate.Parse($"{index / 12:D4}-{index % 12 + 1:D2}");

    /// <summary>A month as a number (year * 12 + month - 1), so spans compare and subtract; a year starts at its January.</summary>
    public static int FirstMonthOf(PartialDate date) => date.Year * 12 + (date.Month ?? 1) - 1;

    /// <summary>The last month a date covers: a year ends at its December.</summary>
    public static int LastMonthOf(PartialDate date) => date.Year * 12 + (date.Month ?? 12) - 1;

    [JsonIgnore] public int FirstMonth => FirstMonthOf(From);
    [JsonIgnore] public int LastMonth => LastMonthOf(To);
    [JsonIgnore] public int Months => LastMonth - FirstMonth + 1;

    /// <summary>year, quarter, month, year-to-date (January to a month) or months (any other span).</summary>
    [JsonIgnore]
    public string Kind => Months switch
    {
        12 when FirstMonth % 12 == 0 => "year",
        3 when FirstMonth % 3 == 0 => "quarter",
        1 => "month",
        _ when FirstMonth % 12 == 0 => "year-to-date",
        _ => "months",
    };

    /// <summary>Periods that belong in one series: the same kind and length, starting at the same point of the year where that matters.</summary>
    [JsonIgnore]
    public string SeriesKey => Kind switch
    {
        "year" or "quarter" or "month" => Kind,
        "year-to-date" => $"{Kind}:{Months}",
        _ => $"{Kind}:{FirstMonth % 12 + 1}:{Months}",
    };

    /// <summary>The same span a year earlier, against which growth is measured.</summary>
    public ReportPeriod YearEarlier() => FromMonths(FirstMonth - 12, LastMonth - 12);

    [JsonIgnore]
    public string Label => Kind switch
    {
        "year" => $"{From.Year}",
        "quarter" => $"{From.Year} Q{FirstMonth % 12 / 3 + 1}",
        "month" => From.ToString(),
        "year-to-date" => $"{From.Year} {MonthName(FirstMonth)}-{MonthName(LastMonth)}",
        _ => $"{From}..{To}",
    };

    /// <summary>What a series of such periods is called: "years", "quarters", "January-May", ...</summary>
    [JsonIgnore]
    public string SeriesName => Kind switch
    {
        "year" => "calendar years",
        "quarter" => "quarters",
        "month" => "months",
        _ => $"{MonthName(FirstMonth, full: true)}-{MonthName(LastMonth, full: true)}",
    };

    private static string MonthName(int index, bool full = false) =>
        CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(index % 12 + 1) is var name && full ? name : name[..3];

    public override string ToString() => Label;
}
