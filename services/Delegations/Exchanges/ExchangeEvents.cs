namespace Cooperation.Delegations.Exchanges;

// Stored event type names (exchange_recorded, ...) are a contract: renaming a record needs a mapping.

/// <summary>
/// People sent or received for study or work (students, teachers, specialists, another group) between institutions and
/// places over a period, and an institution opened for it ("a China Cultural Centre at Grodno State University, 22 March 2007").
/// </summary>
/// <param name="Direction">sent (the committee's side is <paramref name="From"/>) or received (it is <paramref name="To"/>).</param>
/// <param name="AcademicYear">The academic year as the source names it ("2011-2012"), when it does.</param>
/// <param name="Count">How many people, when the source says.</param>
/// <param name="Subject">What they study, teach or work in ("Russian language", "ophthalmology").</param>
/// <param name="Opened">An institution opened for it, with its date.</param>
public sealed record ExchangeRecorded(
    Guid ExchangeId,
    string Kind,
    string Direction,
    ExchangeSide From,
    ExchangeSide To,
    PartialDate PeriodFrom,
    PartialDate PeriodTo,
    string? AcademicYear,
    PeopleCount? Count,
    string? Subject,
    InstitutionOpened? Opened,
    Source? Source,
    string? Note)
{
    /// <summary>The side in the recording committee's territory.</summary>
    public ExchangeSide Home => Direction == ExchangeVocabulary.Sent ? From : To;

    public ExchangeSide Partner => Direction == ExchangeVocabulary.Sent ? To : From;
}

/// <summary>A side of an exchange: a place, and the institution there when the source names it.</summary>
public sealed record ExchangeSide(Party Place, string? Institution);

/// <param name="Qualifier">How the source states it: about, at-least, at-most ("up to 100 students"); null when exact.</param>
public sealed record PeopleCount(int Count, string? Qualifier);

public sealed record InstitutionOpened(string Name, PartialDate On);

/// <summary>The count corrected, or given when the first record had none; the one it replaces stays in the history.</summary>
public sealed record ExchangeRevised(Guid ExchangeId, PeopleCount? Count, string Reason, Source? Source = null);

public static class ExchangeVocabulary
{
    public const string Sent = "sent";
    public const string Received = "received";

    public static readonly IReadOnlySet<string> Directions = new HashSet<string> { Sent, Received };

    public static readonly IReadOnlySet<string> Kinds = new HashSet<string> { "students", "teachers", "specialists", "other" };
}
