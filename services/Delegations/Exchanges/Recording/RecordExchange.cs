using System.Text.RegularExpressions;
using Cooperation.Vocabulary;
using Cooperation.Delegations.Exchanges.Details;

namespace Cooperation.Delegations.Exchanges.Recording;

/// <param name="Place">The city, region or country.</param>
/// <param name="Institution">The university, school or hospital there, as the source names it.</param>
public sealed record ExchangeSideInput(PartyInput? Place, string? Institution = null);

public sealed record ExchangePeriodInput([property: PartialDateText] string? From, [property: PartialDateText] string? To = null);

public sealed record InstitutionOpenedInput(string? Name, [property: PartialDateText] string? On);

/// <param name="AcademicYear">"2011-2012": the period, when none is given, runs from September of the first year to August of the second.</param>
/// <param name="Qualifiers">How the source states the count: <c>{"count": "at-most"}</c> for "up to 100 students".</param>
public sealed record RecordExchangeRequest(
    [property: OneOf(typeof(ExchangeVocabulary), nameof(ExchangeVocabulary.Kinds))] string? Kind,
    [property: OneOf(typeof(ExchangeVocabulary), nameof(ExchangeVocabulary.Directions))] string? Direction,
    ExchangeSideInput? From,
    ExchangeSideInput? To,
    ExchangePeriodInput? Period = null,
    string? AcademicYear = null,
    int? Count = null,
    IReadOnlyDictionary<string, string?>? Qualifiers = null,
    string? Subject = null,
    InstitutionOpenedInput? Opened = null,
    SourceInput? Source = null,
    string? Note = null);

public sealed record RecordExchange(ExchangeRecorded Exchange, Actor Actor);

public static partial class RecordingExchanges
{
    /// <summary>Records an exchange whose sending (sent) or receiving (received) side lies in the actor's territory.</summary>
    public static Decision Decide(RecordExchange command)
    {
        var e = command.Exchange;
        if (!command.Actor.MayWrite([e.Home.Place]))
            return DomainError.Forbidden($"You may record only exchanges your own territory {(e.Direction == ExchangeVocabulary.Sent ? "sends (from)" : "receives (to)")}.");
        if (e.PeriodTo.End < e.PeriodFrom.Start) return DomainError.Invalid("period.to", "period.to cannot come before period.from.");
        return Decision.Of(e);
    }

    public static RouteGroupBuilder MapRecordingExchanges(this RouteGroupBuilder group) =>
        group.MapWrite("", HandleAsync, "RecordExchange",
            "Records students, teachers, specialists or another group sent or received between institutions and places over a period or an academic year, "
            + "with their number as the source states it and an institution opened for it");

    [GeneratedRegex(@"^(\d{4})-(\d{4})$")]
    private static partial Regex AcademicYearPattern();

    private static Task<Results<Created<ExchangeDetails>, Accepted<ValidatedWrite>, ProblemHttpResult>> HandleAsync(
        RecordExchangeRequest request, Validation v, Write write)
    {
        var kind = v.OneOf(request.Kind, "kind", ExchangeVocabulary.Kinds);
        var direction = v.OneOf(request.Direction, "direction", ExchangeVocabulary.Directions);
        var from = Side(request.From, "from", v);
        var to = Side(request.To, "to", v);
        v.Require(from is null || to is null || (from.Place.Code ?? from.Place.Name) != (to.Place.Code ?? to.Place.Name) || from.Place.Level == PartyLevels.Unnamed,
            "to.place", "An exchange is between two places: to.place cannot be from.place.");
        var year = AcademicYear(request.AcademicYear, v);
        v.Require(request.Period is not null || request.AcademicYear is not null, "period", "period is required, or academicYear: {from, to?}, each a year, a month or a day.");
        var periodFrom = request.Period is null ? year?.From : v.Date(request.Period.From, "period.from");
        var periodTo = request.Period is null ? year?.To : v.Date(request.Period.To, "period.to", required: false) ?? periodFrom;
        var count = v.People(request.Count, request.Qualifiers);
        var subject = v.Text(request.Subject, "subject", 500, required: false);
        InstitutionOpened? opened = null;
        if (request.Opened is not null)
        {
            var name = v.Text(request.Opened.Name, "opened.name", 500);
            var on = v.Date(request.Opened.On, "opened.on");
            opened = name is null || on is null ? null : new InstitutionOpened(name, on.Value);
        }
        var source = v.Source(request.Source);
        var note = v.Note(request.Note);
        var id = Guid.CreateVersion7();
        return write.Start<Exchange, ExchangeDetails>(id, request, v, () => Decide(new RecordExchange(new ExchangeRecorded(id, kind!, direction!, from!, to!,
            periodFrom!.Value, periodTo!.Value, request.AcademicYear, count, subject, opened, source, note), write.Actor)));
    }

    private static ExchangeSide? Side(ExchangeSideInput? input, string field, Validation v)
    {
        if (input is null)
        {
            v.Add(field, $"{field} is required: {{place, institution?}}.");
            return null;
        }
        var place = v.Party(input.Place, $"{field}.place");
        var institution = v.Text(input.Institution, $"{field}.institution", 500, required: false);
        return place is null ? null : new ExchangeSide(place, institution);
    }

    /// <summary>"2011-2012": September of the first year to August of the next.</summary>
    private static (PartialDate From, PartialDate To)? AcademicYear(string? value, Validation v)
    {
        if (value is null) return null;
        if (AcademicYearPattern().Match(value) is { Success: true } m && int.Parse(m.Groups[2].Value) == int.Parse(m.Groups[1].Value) + 1
            && PartialDate.TryParse($"{m.Groups[1].Value}-09", out var from) && PartialDate.TryParse($"{m.Groups[2].Value}-08", out var to))
            return (from, to);
        v.Add("academicYear", $"'{value}' is not an academic year like 2011-2012.");
        return null;
    }
}
