using Cooperation.Trade.Reports;
using Cooperation.Vocabulary;

namespace Cooperation.Domain.Tests.Trade;

public class ReportPeriodTests
{
    private static ReportPeriod Period(string from, string to) => ReportPeriod.Of(PartialDate.Parse(from), PartialDate.Parse(to)).Period!;

    private static string? Error(string from, string to) => ReportPeriod.Of(PartialDate.Parse(from), PartialDate.Parse(to)).Error;

    [Theory]
    [InlineData("2009", "2009", "year", "2009", 12)]
    [InlineData("2009-01", "2009-12", "year", "2009", 12)]
    [InlineData("2012-01", "2012-05", "year-to-date", "2012 Jan-May", 5)]
    [InlineData("2012", "2012-05", "year-to-date", "2012 Jan-May", 5)]
    [InlineData("2012-04", "2012-06", "quarter", "2012 Q2", 3)]
    [InlineData("2012-03", "2012-03", "month", "2012-03", 1)]
    [InlineData("2011-11", "2012-02", "months", "2011-11..2012-02", 4)]
    [InlineData("2012-02", "2012-04", "months", "2012-02..2012-04", 3)]
    public void Periods_know_their_kind_label_and_length(string from, string to, string kind, string label, int months)
    {
        var period = Period(from, to);
        Assert.Equal((kind, label, months), (period.Kind, period.Label, period.Months));
    }

    [Fact]
    public void One_span_has_one_spelling()
    {
        Assert.Equal(Period("2009", "2009"), Period("2009-01", "2009-12"));
        Assert.Equal(Period("2012-01", "2012-05"), Period("2012", "2012-05"));
        Assert.Equal("2009", Period("2009-01", "2009-12").From.ToString());
    }

    [Fact]
    public void A_period_runs_forward_over_whole_months_and_at_most_a_year()
    {
        Assert.NotNull(Error("2012-05", "2012-01"));
        Assert.NotNull(Error("2011-06", "2012-06"));
        Assert.NotNull(Error("2012-01-01", "2012-05-31"));
        Assert.Null(Error("2011-07", "2012-06"));
    }

    [Fact]
    public void The_same_period_a_year_earlier_keeps_its_shape()
    {
        Assert.Equal(Period("2011-01", "2011-05"), Period("2012-01", "2012-05").YearEarlier());
        Assert.Equal(Period("2008", "2008"), Period("2009", "2009").YearEarlier());
        Assert.Equal(Period("2010-11", "2011-02"), Period("2011-11", "2012-02").YearEarlier());
    }

    [Fact]
    public void Series_put_together_only_periods_of_one_kind_and_length()
    {
        Assert.Equal(Period("2011", "2011").SeriesKey, Period("2012", "2012").SeriesKey);
        Assert.Equal(Period("2012-01", "2012-03").SeriesKey, Period("2012-10", "2012-12").SeriesKey);
        Assert.Equal(Period("2011-01", "2011-05").SeriesKey, Period("2012-01", "2012-05").SeriesKey);
        Assert.NotEqual(Period("2012-01", "2012-05").SeriesKey, Period("2012-01", "2012-09").SeriesKey);
        Assert.NotEqual(Period("2012", "2012").SeriesKey, Period("2012-01", "2012-11").SeriesKey);
        Assert.NotEqual(Period("2012-02", "2012-04").SeriesKey, Period("2012-01", "2012-03").SeriesKey);
    }
}
