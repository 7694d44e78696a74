using System.Globalization;

namespace Cooperation.Trade.Reports;

/// <summary>
/// The figures of a trade report, each as reported (null when the source omits it). Money is in the report's
/// currency and unit; growth is the percent change against the same period a year earlier (+18 for "118 percent of
/// 2010"); <see cref="SharePercent"/> is the partner's share of the reporter's whole foreign trade.
/// A figure keeps the digits it was reported with: 176 and 176.0 are different statements. <see cref="Qualifiers"/> says
/// which figures the source states only roughly ("about 345", "more than 190 percent"); the others are exact (so every
/// event stored before qualifiers existed reads as exact).
/// </summary>
public sealed record Figures(
    decimal? Exports = null,
    decimal? Imports = null,
    decimal? Turnover = null,
    decimal? Balance = null,
    decimal? GrowthPercent = null,
    decimal? ExportsGrowthPercent = null,
    decimal? ImportsGrowthPercent = null,
    decimal? SharePercent = null,
    IReadOnlyDictionary<string, string>? Qualifiers = null)
{
    public static readonly Figures None = new();

    public const string ExportsField = "exports", ImportsField = "imports", TurnoverField = "turnover", BalanceField = "balance",
        GrowthField = "growthPercent", ExportsGrowthField = "exportsGrowthPercent", ImportsGrowthField = "importsGrowthPercent", ShareField = "sharePercent";

    public static readonly IReadOnlyList<string> Names =
        [ExportsField, ImportsField, TurnoverField, BalanceField, GrowthField, ExportsGrowthField, ImportsGrowthField, ShareField];

    public static readonly IReadOnlySet<string> NameSet = Names.ToHashSet();

    public static readonly IReadOnlySet<string> MoneyNames = new HashSet<string> { ExportsField, ImportsField, TurnoverField, BalanceField };

    public decimal? this[string name] => name switch
    {
        ExportsField => Exports, ImportsField => Imports, TurnoverField => Turnover, BalanceField => Balance,
        GrowthField => GrowthPercent, ExportsGrowthField => ExportsGrowthPercent, ImportsGrowthField => ImportsGrowthPercent,
        ShareField => SharePercent,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "not a figure"),
    };

    /// <summary>The qualifier of a figure: about, at-least, at-most, or null when exact.</summary>
    public string? QualifierOf(string name) => Qualifiers.Of(name);

    /// <summary>The figure set to a value with a qualifier (null: exact); a figure removed loses its qualifier.</summary>
    public Figures With(string name, decimal? value, string? qualifier) =>
        With(name, value) with
        {
            Qualifiers = Vocabulary.Qualifiers.Normalised(Names.Select(n => KeyValuePair.Create(n, n == name ? (value is null ? null : qualifier) : QualifierOf(n)))),
        };

    public Figures With(string name, decimal? value) => name switch
    {
        ExportsField => this with { Exports = value }, ImportsField => this with { Imports = value },
        TurnoverField => this with { Turnover = value }, BalanceField => this with { Balance = value },
        GrowthField => this with { GrowthPercent = value }, ExportsGrowthField => this with { ExportsGrowthPercent = value },
        ImportsGrowthField => this with { ImportsGrowthPercent = value }, ShareField => this with { SharePercent = value },
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "not a figure"),
    };

    public IEnumerable<string> Reported => Names.Where(n => this[n] is not null);

    public bool HasMoney => MoneyNames.Any(n => this[n] is not null);

    /// <summary>These figures with the given ones replaced and the withdrawn ones removed.</summary>
    public Figures Revise(Figures changes, IEnumerable<string> withdrawn) =>
        withdrawn.Aggregate(changes.Reported.Aggregate(this, (f, n) => f.With(n, changes[n], changes.QualifierOf(n))), (f, n) => f.With(n, null, null));

    /// <summary>
    /// The names of the figures that differ between these and <paramref name="other"/> (176 and 176.0 differ, and so do
    /// 345 and about 345).
    /// </summary>
    public IEnumerable<string> DifferencesFrom(Figures other) =>
        Names.Where(n => (this[n] is { } a ? other[n] is not { } b || a != b || a.Scale != b.Scale : other[n] is not null)
                         || QualifierOf(n) != other.QualifierOf(n));

    /// <summary>
    /// Exports, imports, turnover and balance completed from one another (turnover = exports + imports,
    /// balance = exports - imports) where the report leaves one out; reported figures are kept as they are. A figure
    /// completed from qualified ones is qualified as <see cref="Vocabulary.Qualifiers.Combine"/> says (turnover from
    /// "about 20" exports and exact imports is about).
    /// </summary>
    public Figures Completed()
    {
        var (e, i, t, b) = (Of(ExportsField), Of(ImportsField), Of(TurnoverField), Of(BalanceField));
        for (var pass = 0; pass < 2; pass++)
        {
            e ??= t - i ?? b + i ?? (t + b).Half();
            i ??= t - e ?? e - b ?? (t - b).Half();
            t ??= e + i;
            b ??= e - i;
        }
        var completed = this with { Exports = e?.Value, Imports = i?.Value, Turnover = t?.Value, Balance = b?.Value };
        return completed with
        {
            Qualifiers = Vocabulary.Qualifiers.Normalised(Names.Select(n => KeyValuePair.Create(n, n switch
            {
                ExportsField => e?.Qualifier, ImportsField => i?.Qualifier, TurnoverField => t?.Qualifier, BalanceField => b?.Qualifier,
                _ => QualifierOf(n),
            }))),
        };
    }

    private Qualified? Of(string name) => this[name] is { } v ? new Qualified(v, QualifierOf(name)) : null;

    /// <summary>The names of the figures <see cref="Completed"/> adds.</summary>
    public string[] DerivedNames() => Completed().Reported.Except(Reported).ToArray();

    public static string Format(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "not reported";

    /// <summary>A figure as the messages name it: "345", "about 345", "not reported".</summary>
    public string Format(string name) => this[name] is { } v ? Vocabulary.Qualifiers.Describe(v, QualifierOf(name)) : "not reported";
}

/// <summary>A figure with its qualifier, for sums and differences whose result keeps track of how exact it is.</summary>
public readonly record struct Qualified(decimal Value, string? Qualifier)
{
    public static Qualified operator +(Qualified a, Qualified b) => new(a.Value + b.Value, Qualifiers.Combine([(a.Qualifier, 1), (b.Qualifier, 1)]));
    public static Qualified operator -(Qualified a, Qualified b) => new(a.Value - b.Value, Qualifiers.Combine([(a.Qualifier, 1), (b.Qualifier, -1)]));
}

public static class QualifiedHalves
{
    public static Qualified? Half(this Qualified? q) => q is { } v ? v with { Value = v.Value / 2 } : null;
}

/// <summary>
/// The bounds a reported figure stands for: 27.3 means anything from 27.25 to 27.35, 176 anything from 175.5 to 176.5.
/// Null bounds are open.
/// </summary>
public readonly record struct Bounds(decimal? Low, decimal? High)
{
    public static readonly Bounds Any = new(null, null);
    public static readonly Bounds NonNegative = new(0m, null);

    /// <summary>A reported figure, give or take half a unit of its last digit.</summary>
    public static Bounds Of(decimal value)
    {
        var half = 0.5m / Pow10(value.Scale);
        return new(value - half, value + half);
    }

    /// <summary>
    /// A figure as qualified: exact, give or take half a unit of its last digit; about, within
    /// <see cref="Qualifiers.AboutTolerance"/> of it either way; at least (at most), from (up to) it with no bound on the
    /// other side, which for money is then 0.
    /// </summary>
    public static Bounds Of(decimal value, string? qualifier) => Qualify(Of(value), value, qualifier);

    /// <summary>A count as qualified: a count is a whole number, so an exact one is that number and nothing else.</summary>
    public static Bounds OfCount(int value, string? qualifier) => Qualify(new Bounds(value, value), value, qualifier).AtLeastZero();

    private static Bounds Qualify(Bounds exact, decimal value, string? qualifier)
    {
        return qualifier switch
        {
            Qualifiers.About => new(Math.Min(exact.Low!.Value, value - Math.Abs(value) * Qualifiers.AboutTolerance),
                Math.Max(exact.High!.Value, value + Math.Abs(value) * Qualifiers.AboutTolerance)),
            Qualifiers.AtLeast => new(exact.Low, null),
            Qualifiers.AtMost => new(null, exact.High),
            _ => exact,
        };
    }

    public static Bounds Of(decimal? value, Bounds unknown) => value is { } v ? Of(v) : unknown;

    public static Bounds Of(decimal? value, string? qualifier, Bounds unknown) => value is { } v ? Of(v, qualifier) : unknown;

    public Bounds AtLeastZero() => new(Low is { } l ? Math.Max(l, 0m) : 0m, High);

    public static Bounds operator +(Bounds a, Bounds b) => new(a.Low + b.Low, a.High + b.High);

    /// <summary>Whether every value these bounds allow lies within <paramref name="other"/>'s.</summary>
    public bool Within(Bounds other) => (other.Low is not { } l || Low >= l) && (other.High is not { } h || High <= h);
    public static Bounds operator -(Bounds a, Bounds b) => new(a.Low - b.High, a.High - b.Low);
    public static Bounds operator *(decimal k, Bounds a) => new(k * a.Low, k * a.High);

    public bool Overlaps(Bounds other) => !(Low > other.High) && !(other.Low > High);

    /// <summary>The value a year earlier, given this value now and the growth since then in percent.</summary>
    /// A growth open above ("more than 90 percent") leaves the earlier value as small as need be; one open below, as large.
    public Bounds YearEarlier(Bounds growthPercent)
    {
        var low = growthPercent.High is { } gHigh && gHigh > -100m && Low is { } l ? Math.Max(l, 0m) / (1m + gHigh / 100m) : 0m;
        var high = growthPercent.Low is { } gLow && gLow > -100m ? High / (1m + gLow / 100m) : null;
        return new(low, high);
    }

    public decimal? Middle => Low is { } l && High is { } h ? (l + h) / 2 : null;

    private static decimal Pow10(int scale)
    {
        var p = 1m;
        for (var i = 0; i < scale; i++) p *= 10m;
        return p;
    }
}

/// <summary>The rules figures obey, so that a report cannot say two things at once.</summary>
public static class FigureRules
{
    /// <summary>One relation the figures contradict, with the reported figures it involves.</summary>
    public sealed record Contradiction(string[] Fields, string Message);

    private sealed record Relation(string[] Fields, Func<Figures, (Bounds Left, Bounds Right)> Sides, Func<Figures, string> Describe);

    // Exports, imports and turnover cannot be negative; a balance can. A figure left out may be anything it can be.
    // A qualified figure stands for the range it states (Bounds.Of).
    private static Bounds E(Figures f) => Bounds.Of(f.Exports, f.QualifierOf(Figures.ExportsField), Bounds.NonNegative).AtLeastZero();
    private static Bounds I(Figures f) => Bounds.Of(f.Imports, f.QualifierOf(Figures.ImportsField), Bounds.NonNegative).AtLeastZero();
    private static Bounds T(Figures f) => Bounds.Of(f.Turnover, f.QualifierOf(Figures.TurnoverField), Bounds.NonNegative).AtLeastZero();
    private static Bounds B(Figures f) => Bounds.Of(f.Balance, f.QualifierOf(Figures.BalanceField), Bounds.Any);
    private static Bounds G(Figures f, string field) => Bounds.Of(f[field], f.QualifierOf(field), Bounds.Any);


    // turnover = exports + imports and balance = exports - imports; with some figures left out, the other two
    // consequences of the pair (turnover + balance = 2 exports, turnover - balance = 2 imports) catch what remains.
    private static readonly Relation[] Primary =
    [
        new([Figures.TurnoverField, Figures.ExportsField, Figures.ImportsField], f => (T(f), E(f) + I(f)),
            f => $"turnover ({f.Format(Figures.TurnoverField)}) must equal exports ({f.Format(Figures.ExportsField)}) + imports ({f.Format(Figures.ImportsField)})"),
        new([Figures.BalanceField, Figures.ExportsField, Figures.ImportsField], f => (B(f), E(f) - I(f)),
            f => $"balance ({f.Format(Figures.BalanceField)}) must equal exports ({f.Format(Figures.ExportsField)}) - imports ({f.Format(Figures.ImportsField)})"),
    ];

    private static readonly Relation[] Secondary =
    [
        new([Figures.ExportsField, Figures.TurnoverField, Figures.BalanceField], f => (2m * E(f), T(f) + B(f)),
            f => $"turnover ({f.Format(Figures.TurnoverField)}) and balance ({f.Format(Figures.BalanceField)}) imply exports of (turnover + balance) / 2, which exports ({f.Format(Figures.ExportsField)}) contradict"),
        new([Figures.ImportsField, Figures.TurnoverField, Figures.BalanceField], f => (2m * I(f), T(f) - B(f)),
            f => $"turnover ({f.Format(Figures.TurnoverField)}) and balance ({f.Format(Figures.BalanceField)}) imply imports of (turnover - balance) / 2, which imports ({f.Format(Figures.ImportsField)}) contradict"),
    ];

    private const string Rounding = " within the rounding of the last reported digits (and the ranges of figures given as about, at least or at most).";

    /// <summary>
    /// Every way the figures contradict each other beyond the rounding of their last digits, with the reported
    /// figures each one involves. Empty when the figures can all be true at once.
    /// </summary>
    public static IReadOnlyList<Contradiction> Contradictions(Figures figures)
    {
        var found = Broken(Primary, figures);
        if (found.Count == 0) found = Broken(Secondary, figures);
        if (found.Count == 0 && GrowthContradiction(figures) is { } growth) found.Add(growth);
        return found;
    }

    private static List<Contradiction> Broken(IEnumerable<Relation> relations, Figures f) =>
        relations
            .Where(r => r.Sides(f) is var (left, right) && !left.Overlaps(right))
            .Select(r => new Contradiction(r.Fields.Where(n => f[n] is not null).ToArray(), r.Describe(f) + Rounding))
            .ToList();

    /// <summary>
    /// Growth of turnover, exports and imports each put a figure on the same period a year earlier; those earlier
    /// figures must still add up (exports + imports = turnover). Needs at least two growth figures to say anything.
    /// </summary>
    private static Contradiction? GrowthContradiction(Figures f)
    {
        var growths = new[] { Figures.GrowthField, Figures.ExportsGrowthField, Figures.ImportsGrowthField }.Where(n => f[n] is not null).ToArray();
        if (growths.Length < 2) return null;
        var now = Current(f);
        var earlierTurnover = now.Turnover.YearEarlier(G(f, Figures.GrowthField));
        var earlierExports = now.Exports.YearEarlier(G(f, Figures.ExportsGrowthField));
        var earlierImports = now.Imports.YearEarlier(G(f, Figures.ImportsGrowthField));
        var earlierSum = earlierExports + earlierImports;
        if (earlierTurnover.Overlaps(earlierSum)) return null;
        return new Contradiction(growths,
            $"the growth figures put the same period a year earlier at turnover {Round(earlierTurnover.Middle)} but exports + imports {Round(earlierSum.Middle)}; " +
            "growth is the percent change (+18 for \"118 percent of the year before\").");
    }

    /// <summary>The bounds of exports, imports and turnover now, from what is reported or follows from it.</summary>
    private static (Bounds Exports, Bounds Imports, Bounds Turnover) Current(Figures f)
    {
        var (e, i, t, b) = (E(f), I(f), T(f), B(f));
        var exports = f.Exports is not null ? e : f.Turnover is not null && f.Imports is not null ? t - i
            : f.Balance is not null && f.Imports is not null ? b + i : f.Turnover is not null && f.Balance is not null ? Half(t + b) : e;
        var imports = f.Imports is not null ? i : f.Turnover is not null && f.Exports is not null ? t - e
            : f.Exports is not null && f.Balance is not null ? e - b : f.Turnover is not null && f.Balance is not null ? Half(t - b) : i;
        var turnover = f.Turnover is not null ? t : exports + imports;
        return (exports.AtLeastZero(), imports.AtLeastZero(), turnover.AtLeastZero());
    }

    private static Bounds Half(Bounds b) => new(b.Low / 2, b.High / 2);

    private static string Round(decimal? value) => value is { } v ? Math.Round(v, 1).ToString(CultureInfo.InvariantCulture) : "unknown";

    /// <summary>The reported money figures whose omission alone would leave the rest consistent: the likely culprits.</summary>
    public static string[] Suspects(Figures figures) =>
        Figures.MoneyNames.Where(n => figures[n] is not null && Contradictions(figures.With(n, null)).Count == 0).ToArray();
}
