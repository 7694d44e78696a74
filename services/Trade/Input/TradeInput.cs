using Cooperation.Trade.CompanyCounts;
using Cooperation.Trade.Projects;
using Cooperation.Trade.Reports;

namespace Cooperation.Trade.Input;

public sealed record CommodityInput(string? Name, string? HsCode, decimal? Value, decimal? SharePercent, decimal? GrowthPercent,
    IReadOnlyDictionary<string, string?>? Qualifiers = null);

public sealed record CommoditiesInput(CommodityInput?[]? Exports, CommodityInput?[]? Imports);

/// <summary>How more than one of Trade's use cases reads its input: each value checked on its own, every problem under its field.</summary>
public static class TradeInput
{
    private const decimal Largest = 1_000_000_000_000_000m;

    private static readonly IReadOnlySet<string> CostFigures = new HashSet<string> { "cost" };

    private static readonly IReadOnlySet<string> CountFigures = new HashSet<string> { "total", "jointVentures", "foreignOwned" };

    /// <summary>A place where something is: a country, a region, or a city or district, by code or any known name.</summary>
    public static Party? Place(this Validation v, string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            v.Add(field, $"{field} is required: a region code such as BY-MI, or a city or district in it.");
            return null;
        }
        var party = v.Party(new PartyInput(Code: Gazetteer.Default.Find(text) is null ? null : text, Name: text, Level: null, Country: null, Region: null), field);
        v.Require(party is null || party.Level != PartyLevels.Organisation, field, $"{field} must be a place.");
        return party;
    }

    public static string? Currency(this Validation v, string? value)
    {
        if (value is null) return null;
        v.Require(Currencies.Iso4217.Contains(value), "currency", $"'{value}' is not an ISO 4217 currency code such as USD, EUR, CNY, RUB or BYN.");
        return value;
    }

    /// <summary>Checks each figure on its own: amounts within reason, money other than a balance not negative, growth not below -100%.</summary>
    public static Figures Figures(this Validation v, Figures figures)
    {
        foreach (var field in figures.Reported)
        {
            var value = figures[field]!.Value;
            if (Math.Abs(value) > Largest) v.Add(field, $"{field} is too large.");
            else if (field is Reports.Figures.ExportsField or Reports.Figures.ImportsField or Reports.Figures.TurnoverField)
                v.Require(value >= 0, field, $"{field} cannot be negative.");
            else if (field is Reports.Figures.ShareField) v.Require(value is >= 0 and <= 100, field, $"{field} is a percentage from 0 to 100.");
            else if (field.EndsWith("GrowthPercent", StringComparison.Ordinal) || field == Reports.Figures.GrowthField)
                v.Require(value >= -100, field, $"{field} is a change in percent and cannot be below -100 (give +18 for 118 percent of the year before).");
        }
        return figures;
    }

    public static Commodities Commodities(this Validation v, CommoditiesInput? input) =>
        input is null
            ? Reports.Commodities.None
            : new Commodities(CommodityList(v, input.Exports, "commodities.exports"), CommodityList(v, input.Imports, "commodities.imports"));

    private static Commodity[] CommodityList(Validation v, CommodityInput?[]? items, string field)
    {
        if (items is null) return [];
        if (!v.Items(items, field)) return [];
        return items.Select((c, i) =>
        {
            var at = $"{field}[{i}]";
            if (c is null)
            {
                v.Add(at, "a commodity needs a name.");
                return null;
            }
            var name = v.Text(c.Name, $"{at}.name", 300) ?? "";
            var hs = c.HsCode?.Replace(".", "").Replace(" ", "");
            v.Require(hs is null || (hs.Length is 2 or 4 or 6 or 8 or 10 && hs.All(char.IsAsciiDigit)), $"{at}.hsCode",
                "hsCode is a Harmonized System code of 2, 4, 6, 8 or 10 digits, e.g. 3104 or 3104.20.");
            v.Require(c.Value is null or (>= 0 and <= Largest), $"{at}.value", "value cannot be negative.");
            v.Require(c.SharePercent is null or (>= 0 and <= 100), $"{at}.sharePercent", "sharePercent is a percentage from 0 to 100.");
            v.Require(c.GrowthPercent is null or (>= -100 and <= Largest), $"{at}.growthPercent", "growthPercent cannot be below -100.");
            var qualifiers = v.Qualifiers(c.Qualifiers, Commodity.FigureNames,
                n => (n == "value" ? c.Value : n == "sharePercent" ? c.SharePercent : c.GrowthPercent) is not null, $"{at}.qualifiers");
            return new Commodity(name, hs, c.Value, c.SharePercent, c.GrowthPercent, qualifiers);
        }).OfType<Commodity>().ToArray();
    }

    /// <summary>A project's cost: an amount in a currency, in thousands or (when not given) millions of it.</summary>
    public static ProjectCost? Cost(this Validation v, decimal? amount, string? currency, string? unit,
        IReadOnlyDictionary<string, string?>? qualifiers, bool required = false)
    {
        var qualifier = v.Qualifiers(qualifiers, CostFigures, _ => amount is not null).Of("cost");
        if (amount is null)
        {
            if (required) v.Add("cost", "cost is required.");
            v.Require(currency is null && unit is null, "cost", "currency and costUnit come with a cost.");
            return null;
        }
        v.Require(amount is >= 0 and <= Largest, "cost", "cost cannot be negative.");
        v.Require(currency is not null, "currency", "currency is required with a cost (an ISO 4217 code such as USD).");
        v.Currency(currency);
        var costUnit = v.OneOf(unit ?? "million", "costUnit", TradeVocabulary.Units.Keys.ToHashSet());
        return currency is null || costUnit is null ? null : new ProjectCost(amount.Value, currency, costUnit, qualifier);
    }

    public static ProjectStatus? ProjectStatus(this Validation v, string? value, string field, bool required = true) =>
        v.OneOf(value, field, ProjectStatuses.Names, required) is { } name && ProjectStatuses.ByName.TryGetValue(name, out var status) ? status : null;

    public static CompanyNumbers? CompanyNumbers(this Validation v, int? total, int? jointVentures, int? foreignOwned,
        IReadOnlyDictionary<string, string?>? qualifiers)
    {
        var qualified = v.Qualifiers(qualifiers, CountFigures, n => (n == "total" ? total : n == "jointVentures" ? jointVentures : foreignOwned) is not null);
        v.Require(total is not null, "total", "total is required.");
        v.Require(total is null or >= 0, "total", "total cannot be negative.");
        v.Require(jointVentures is null or >= 0, "jointVentures", "jointVentures cannot be negative.");
        v.Require(foreignOwned is null or >= 0, "foreignOwned", "foreignOwned cannot be negative.");
        return total is { } t ? new CompanyNumbers(t, jointVentures, foreignOwned, qualified) : null;
    }
}
