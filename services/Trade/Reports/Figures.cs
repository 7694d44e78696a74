using System.Globalization;

namespace Cooperation.Trade.Reports;

/// <summary>
/// The figures of a trade report, each as reported (null when the source omits it). Money is in the report's
/// currency and unit; growth is the percent change against the same period a year earlier (+18 for "118 percent of
/// 2010"); <see cref="SharePercent"/> is the partner's share of the reporter's whole foreign trade.
/// A figure keeps the digits it was reported with: 176 and 176.0 are different statements.
/// </summary>
public sealed record Figures(
    decimal? Exports = null,
    decimal? Imports = null,
    decimal? Turnover = null,
    decimal? Balance = null,
    decimal? GrowthPercent = null,
    decimal? ExportsGrowthPercent = null,
    decimal? ImportsGrowthPercent = null,
    decimal? SharePercent = null)
{
    public static readonly Figures None = new();

    public const string ExportsField = "exports", ImportsField = "imports", TurnoverField = "turnover", BalanceField = "balance",
        GrowthField = "growthPercent", ExportsGrowthField = "exportsGrowthPercent", ImportsGrowthField = "importsGrowthPercent", ShareField = "sharePercent";

    public static readonly IReadOnlyList<string> Names =
        [ExportsField, ImportsField, TurnoverField, BalanceField, GrowthField, ExportsGrowthField, ImportsGrowthField, ShareField];

    public static readonly IReadOnlySet<string> MoneyNames = new HashSet<string> { ExportsField, ImportsField, TurnoverField, BalanceField };

    public decimal? this[string name] => name switch
    {
        ExportsField => Exports, ImportsField => Imports, TurnoverField => Turnover, BalanceField => Balance,
        GrowthField => GrowthPercent, ExportsGrowthField => ExportsGrowthPercent, ImportsGrowthField => ImportsGrowthPercent,
        ShareField => SharePercent,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "not a figure"),
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
        withdrawn.Aggregate(changes.Reported.Aggregate(this, (f, n) => f.With(n, changes[n])), (f, n) => f.With(n, null));

    /// <summary>The names of the figures that differ between these and <paramref name="other"/> (176 and 176.0 differ).</summary>
    public IEnumerable<string> DifferencesFrom(Figures other) =>
        Names.Where(n => this[n] is { } a ? other[n] is not { } b || a != b || a.Scale != b.Scale : other[n] is not null);

    /// <summary>
    /// Exports, imports, turnover and balance completed from one another (turnover = exports + imports,
    /// balance = exports - imports) where the report leaves one out; reported figures are kept as they are.
    /// </summary>
    public Figures Completed()
    {
        var (e, i, t, b) = (Exports, Imports, Turnover, Balance);
        for (var pass = 0; pass < 2; pass++)
        {
            e ??= t - i ?? b + i ?? (t + b) / 2;
            i ??= t - e ?? e - b ?? (t - b) / 2;
            t ??= e + i;
            b ??= e - i;
        }
        return this with { Exports = e, Imports = i, Turnover = t, Balance = b };
    }

    /// <summary>The names of the figures <see cref="Completed"/> adds.</summary>
    public string[] DerivedNames() => Completed().Reported.Except(Reported).ToArray();

    public static string Format(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "not reported";
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

    public static Bounds Of(decimal? value, Bounds unknown) => value is { } v ? Of(v) : unknown;

    public Bounds AtLeastZero() => new(Low is { } l ? Math.Max(l, 0m) : 0m, High);

    public static Bounds operator +(Bounds a, Bounds b) => new(a.Low + b.Low, a.High + b.High);
    public static Bounds operator -(Bounds a, Bounds b) => new(a.Low - b.High, a.High - b.Low);
    public static Bounds operator *(decimal k, Bounds a) => new(k * a.Low, k * a.High);

    public bool Overlaps(Bounds other) => !(Low > other.High) && !(other.Low > High);

    /// <summary>The value a year earlier, given this value now and the growth since then in percent.</summary>
    public Bounds YearEarlier(Bounds growthPercent)
    {
        if (growthPercent.Low is not { } gLow || growthPercent.High is not { } gHigh || gLow <= -100m) return NonNegative;
        var (factorLow, factorHigh) = (1m + gLow / 100m, 1m + gHigh / 100m);
        return new(Low is { } l ? Math.Max(l, 0m) / factorHigh : 0m, High / factorLow);
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
    private static Bounds E(Figures f) => Bounds.Of(f.Exports, Bounds.NonNegative).AtLeastZero();
    private static Bounds I(Figures f) => Bounds.Of(f.Imports, Bounds.NonNegative).AtLeastZero();
    private static Bounds T(Figures f) => Bounds.Of(f.Turnover, Bounds.NonNegative).AtLeastZero();
    private static Bounds B(Figures f) => Bounds.Of(f.Balance, Bounds.Any);

    private static string V(decimal? value) => Figures.Format(value);

    // turnover = exports + imports and balance = exports - imports; with some figures left out, the other two
    // consequences of the pair (turnover + balance = 2 exports, turnover - balance = 2 imports) catch what remains.
    private static readonly Relation[] Primary =
    [
        new([Figures.TurnoverField, Figures.ExportsField, Figures.ImportsField], f => (T(f), E(f) + I(f)),
            f => $"turnover ({V(f.Turnover)}) must equal exports ({V(f.Exports)}) + imports ({V(f.Imports)})"),
        new([Figures.BalanceField, Figures.ExportsField, Figures.ImportsField], f => (B(f), E(f) - I(f)),
            f => $"balance ({V(f.Balance)}) must equal exports ({V(f.Exports)}) - imports ({V(f.Imports)})"),
    ];

    private static readonly Relation[] Secondary =
    [
        new([Figures.ExportsField, Figures.TurnoverField, Figures.BalanceField], f => (2m * E(f), T(f) + B(f)),
            f => $"turnover ({V(f.Turnover)}) and balance ({V(f.Balance)}) imply exports of (turnover + balance) / 2, which exports ({V(f.Exports)}) contradict"),
        new([Figures.ImportsField, Figures.TurnoverField, Figures.BalanceField], f => (2m * I(f), T(f) - B(f)),
            f => $"turnover ({V(f.Turnover)}) and balance ({V(f.Balance)}) imply imports of (turnover - balance) / 2, which imports ({V(f.Imports)}) contradict"),
    ];

    private const string Rounding = " within the rounding of the last reported digits.";

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
        var earlierTurnover = now.Turnover.YearEarlier(Bounds.Of(f.GrowthPercent, Bounds.Any));
        var earlierExports = now.Exports.YearEarlier(Bounds.Of(f.ExportsGrowthPercent, Bounds.Any));
        var earlierImports = now.Imports.YearEarlier(Bounds.Of(f.ImportsGrowthPercent, Bounds.Any));
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
