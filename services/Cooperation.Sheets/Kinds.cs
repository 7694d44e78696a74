using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Cooperation.Sheets;

/// <summary>A spreadsheet column: its header, what it holds and an example drawn from the seed documents.</summary>
public sealed record Column(string Name, string Meaning, string Example);

/// <summary>One row of a sheet, by column header; empty cells read as null.</summary>
public sealed class Row(int number, IReadOnlyDictionary<string, string?> cells)
{
    public int Number => number;
    public IReadOnlyDictionary<string, string?> Cells => cells;

    public string? this[string column] => cells.TryGetValue(column, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    /// <summary>Several values in one cell, separated by ';'.</summary>
    public string[] List(string column) =>
        this[column]?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
}

/// <summary>
/// A kind of record a committee submits from a spreadsheet: its columns, the route it is written to and how a row becomes a
/// request body. A cell the API needs as a number is sent as a number when it reads as one, as text otherwise, so that the
/// API's own problem names the field.
/// </summary>
public sealed partial record Kind(string Name, string Route, Column[] Columns, Func<Row, JsonObject> Body, string? ParentColumn = null)
{
    // Declared before All, which it is part of (static fields are set in the order they are written).
    /// <summary>The columns after a kind's source: the source's words for the facts, and what it leaves open.</summary>
    private static readonly Column[] Provenance =
    [
        new("quote", "The source's own words for it (may be empty; needs a source)", "с провинциями Шаньдун (2004 г.), Хейлунцзян (2005 г.)"),
        new("note", "What the source leaves open, or how a figure was read (may be empty)", "The seed gives the year only."),
    ];

    public static readonly Kind[] All =
    [
        new("agreements", "/api/agreements",
        [
            new("kind", "twinning, cooperation, protocol-of-intent, memorandum, friendly-relations, programme, plan-of-events or other", "cooperation"),
            new("title", "The agreement's title as the document gives it", "Agreement on cooperation between Vitebsk Oblast and Shandong Province"),
            new("parties", "Two or more parties separated by ';': each a code (BY-VI), a name the gazetteer knows, in Russian, English or Chinese, or unnamed:CN for a party of that country the source does not name", "BY-VI; Шаньдун"),
            new("spheres", "Spheres of cooperation separated by ';' (may be empty)", "trade-economic; culture"),
            new("status", "draft or signed; empty reads as signed when signedOn is given, else as a draft. signed without signedOn: signed on a date not known", "signed"),
            new("signedOn", "When it was signed: a year, a month or a day (2004, 2007-11, 2002-07-31); may be empty", "2004"),
            new("validUntil", "Until when it is in force, as a year, month or day (may be empty)", "2009"),
            new("place", "Where it was signed (may be empty)", "Jinan"),
            new("parent", "For a plan or programme under an agreement: the title of an agreement in the same file, or an agreement's id", "Agreement on cooperation between Vitebsk Oblast and Shandong Province"),
            new("source", "Where the facts come from: the document's title, or its http(s) address", "Vitebsk Oblast Executive Committee: interregional cooperation"),
            .. Provenance,
        ], row => new JsonObject
        {
            ["kind"] = row["kind"],
            ["title"] = row["title"],
            ["parties"] = Parties(row.List("parties")),
            ["spheres"] = new JsonArray([.. row.List("spheres").Select(s => (JsonNode)s)]),
            ["status"] = row["status"],
            ["signedOn"] = row["signedOn"],
            ["validUntil"] = row["validUntil"],
            ["place"] = row["place"],
            ["source"] = Source(row),
            ["note"] = row["note"],
        }, ParentColumn: "parent"),
        new("visits", "/api/delegations/visits",
        [
            new("direction", "incoming (to the host's region) or outgoing (from it)", "incoming"),
            new("host", "The region that receives or sends the delegation: a code or a known name", "BY-VI"),
            new("guests", "The other side, separated by ';': codes or known names", "Heilongjiang"),
            new("headName", "Who leads the delegation (may be empty)", "Wang Xiankui"),
            new("headPosition", "The head's position (may be empty)", "Secretary of the Provincial Party Committee"),
            new("members", "Who goes beside the head, separated by ';', each as name, position (may be empty; a name alone, or , position alone)", ""),
            new("plannedFrom", "When it starts: a year, a month or a day", "2017"),
            new("plannedTo", "When it ends (may be empty)", "2017"),
            new("purpose", "What it is for (may be empty)", "Participation in the International Investment Forum"),
            new("occasion", "The event it comes for (may be empty)", "International Investment Forum, Vitebsk"),
            new("venue", "Where it is held when that is neither the host nor a guest, a code or a known name (may be empty)", ""),
            new("heldUnder", "The id of the agreement it is held under, when nothing is signed during it (may be empty)", ""),
            new("size", "How many people (may be empty; ~30 about, >100 more than, <10 at most)", ">100"),
            new("source", "The document's title or its http(s) address", "Vitebsk Oblast Executive Committee: interregional cooperation"),
            .. Provenance,
        ], row => new JsonObject
        {
            ["direction"] = row["direction"],
            ["host"] = Party(row["host"]),
            ["guests"] = Parties(row.List("guests")),
            ["head"] = row["headName"] is { } head ? new JsonObject { ["name"] = head, ["position"] = row["headPosition"] } : null,
            ["members"] = row.List("members") is { Length: > 0 } members ? new JsonArray([.. members.Select(Member)]) : null,
            ["plannedFrom"] = row["plannedFrom"],
            ["plannedTo"] = row["plannedTo"],
            ["purpose"] = row["purpose"],
            ["occasion"] = row["occasion"],
            ["venue"] = Party(row["venue"]),
            ["heldUnder"] = row["heldUnder"],
            ["size"] = Number(row["size"]),
            ["qualifiers"] = Qualifiers(row, "size"),
            ["source"] = Source(row),
            ["note"] = row["note"],
        }),
        new("visit-counts", "/api/delegations/visit-counts",
        [
            new("direction", "incoming (received by the host) or outgoing (made by it)", "incoming"),
            new("host", "The place that received or made the visits: a code or a known name", "Благовещенск"),
            new("partner", "The other side: a code or a known name", "CN"),
            new("periodFrom", "The first year, month or day the count covers", "2011"),
            new("periodTo", "The last year, month or day it covers", "2011"),
            new("count", "How many visits (~22 about, >22 more than, <22 at most)", "22"),
            new("source", "The document's title or its http(s) address", "Blagoveshchensk city administration: international relations, tourism and foreign trade in 2011"),
            .. Provenance,
        ], row => new JsonObject
        {
            ["direction"] = row["direction"],
            ["host"] = Party(row["host"]),
            ["partner"] = Party(row["partner"]),
            ["period"] = new JsonObject { ["from"] = row["periodFrom"], ["to"] = row["periodTo"] },
            ["count"] = Number(row["count"]),
            ["qualifiers"] = Qualifiers(row, "count"),
            ["source"] = Source(row),
            ["note"] = row["note"],
        }),
        new("occasions", "/api/delegations/occasions",
        [
            new("kind", "fair, forum, exhibition, city-days, festival, concert, conference, competition or other", "fair"),
            new("title", "The occasion's name as the source gives it", "23rd Harbin International Economic and Trade Fair"),
            new("series", "The recurring event it is an edition of (may be empty)", "Harbin International Economic and Trade Fair"),
            new("edition", "Its number in the series: 23 for the 23rd (may be empty; needs a series)", "23"),
            new("venue", "Where it is held: a code or a known name (may be empty when organisers or participants are given)", "Harbin"),
            new("from", "When it starts: a year, a month or a day", "2012-06"),
            new("to", "When it ends (may be empty)", ""),
            new("organisers", "Who holds it, separated by ';': codes or known names (may be empty)", "CN-HL"),
            new("participants", "Places and organisations taking part, separated by ';' (may be empty)", "BY-VI"),
            new("source", "The document's title or its http(s) address", "Ministry of Foreign Affairs of Belarus: regional and twin-town relations with China"),
            .. Provenance,
        ], row => new JsonObject
        {
            ["kind"] = row["kind"],
            ["title"] = row["title"],
            ["series"] = row["series"],
            ["edition"] = Number(row["edition"]),
            ["venue"] = Party(row["venue"]),
            ["from"] = row["from"],
            ["to"] = row["to"],
            ["organisers"] = Parties(row.List("organisers")),
            ["participants"] = Parties(row.List("participants")),
            ["source"] = Source(row),
            ["note"] = row["note"],
        }),
        new("exchanges", "/api/delegations/exchanges",
        [
            new("kind", "students, teachers, specialists or other", "students"),
            new("direction", "sent (from the committee's territory) or received (into it)", "received"),
            new("from", "The place they come from: a code or a known name", "CN"),
            new("fromInstitution", "The institution they come from (may be empty)", ""),
            new("to", "The place they go to: a code or a known name", "BY-MA"),
            new("toInstitution", "The institution they go to (may be empty)", "Belarusian State Agricultural Academy"),
            new("periodFrom", "The first year, month or day (may be empty with an academic year)", "2010"),
            new("periodTo", "The last year, month or day (may be empty)", "2010"),
            new("academicYear", "The academic year, as 2011-2012 (may be empty)", ""),
            new("count", "How many people (may be empty; ~30 about, >100 more than, <100 up to)", "18"),
            new("subject", "What they study, teach or work in (may be empty)", ""),
            new("opened", "An institution opened for it (may be empty)", ""),
            new("openedOn", "When it was opened (with an institution opened)", ""),
            new("source", "The document's title or its http(s) address", "Ministry of Foreign Affairs of Belarus: regional and twin-town relations with China"),
            .. Provenance,
        ], row => new JsonObject
        {
            ["kind"] = row["kind"],
            ["direction"] = row["direction"],
            ["from"] = new JsonObject { ["place"] = Party(row["from"]), ["institution"] = row["fromInstitution"] },
            ["to"] = new JsonObject { ["place"] = Party(row["to"]), ["institution"] = row["toInstitution"] },
            ["period"] = row["periodFrom"] is null ? null : new JsonObject { ["from"] = row["periodFrom"], ["to"] = row["periodTo"] },
            ["academicYear"] = row["academicYear"],
            ["count"] = Number(row["count"]),
            ["qualifiers"] = Qualifiers(row, "count"),
            ["subject"] = row["subject"],
            ["opened"] = row["opened"] is null ? null : new JsonObject { ["name"] = row["opened"], ["on"] = row["openedOn"] },
            ["source"] = Source(row),
            ["note"] = row["note"],
        }),
        new("commissions", "/api/agreements/commissions",
        [
            new("kind", "intergovernmental-commission, joint-commission, joint-working-group, working-group, council or other", "joint-working-group"),
            new("title", "The body's name as the source gives it", "Joint working group on cooperation between the Republic of Belarus and Kursk Oblast"),
            new("parties", "Two or more parties separated by ';': codes or names the gazetteer knows", "BY; RU-KRS"),
            new("agreement", "The id of the agreement that set it up (may be empty)", ""),
            new("formedOn", "When it was set up: a year, a month or a day (may be empty)", ""),
            new("source", "The document's title or its http(s) address", "Ministry of Communications and Informatization of Belarus: cooperation with Kursk Oblast"),
            .. Provenance,
        ], row => new JsonObject
        {
            ["kind"] = row["kind"],
            ["title"] = row["title"],
            ["parties"] = Parties(row.List("parties")),
            ["foundingAgreementId"] = row["agreement"],
            ["formedOn"] = row["formedOn"],
            ["source"] = Source(row),
            ["note"] = row["note"],
        }),
        new("trade-reports", "/api/trade/reports",
        [
            new("reporter", "The region whose trade it is: a code or a known name", "BY-HM"),
            new("partner", "The trading partner: a country or region code or a known name", "CN"),
            new("periodFrom", "The first month (or year) the figures cover", "2006-01"),
            new("periodTo", "The last month (or year) they cover", "2006-11"),
            new("flow", "goods or services", "goods"),
            new("currency", "The currency's ISO code", "USD"),
            new("unit", "thousand or million", "million"),
            new("exports", "Exports in that unit (may be empty)", ""),
            new("imports", "Imports in that unit (may be empty)", ""),
            new("turnover", "Exports and imports together (may be empty). Any figure may say how the source states it: ~345 about, >190 more than, <12 at most", "~345"),
            new("balance", "Exports less imports (may be empty)", ""),
            new("growthPercent", "The turnover's growth on the same period a year before, in percent (may be empty)", ""),
            new("source", "The document's title or its http(s) address", "Ministry of Foreign Affairs of Belarus: regional and twin-town relations with China"),
            .. Provenance,
        ], row => new JsonObject
        {
            ["reporter"] = Party(row["reporter"]),
            ["partner"] = Party(row["partner"]),
            ["period"] = new JsonObject { ["from"] = row["periodFrom"], ["to"] = row["periodTo"] },
            ["flow"] = row["flow"],
            ["currency"] = row["currency"],
            ["unit"] = row["unit"],
            ["exports"] = Number(row["exports"]),
            ["imports"] = Number(row["imports"]),
            ["turnover"] = Number(row["turnover"]),
            ["balance"] = Number(row["balance"]),
            ["growthPercent"] = Number(row["growthPercent"]),
            ["qualifiers"] = Qualifiers(row, "exports", "imports", "turnover", "balance", "growthPercent"),
            ["source"] = Source(row),
            ["note"] = row["note"],
        }),
        new("projects", "/api/trade/projects",
        [
            new("name", "The investment project's name", "Intelligent transportation safety system of Minsk"),
            new("region", "Where it is carried out: a region code, or a city or district in it", "BY-HM"),
            new("partners", "The partners separated by ';': codes or known names", "CN-SH"),
            new("cost", "What it costs (may be empty; ~270 about, >250 more than, <300 at most)", "269.8"),
            new("currency", "The cost's currency (with a cost)", "USD"),
            new("costUnit", "thousand or million (with a cost)", "million"),
            new("status", "The project's status, as the API lists them (agreed, for one)", "agreed"),
            new("agreement", "The id of the agreement it stems from (may be empty)", ""),
            new("description", "What it is (may be empty)", "A traffic safety system for the city"),
            new("source", "The document's title or its http(s) address", "Ministry of Foreign Affairs of Belarus: regional and twin-town relations with China"),
            .. Provenance,
        ], row => new JsonObject
        {
            ["name"] = row["name"],
            ["region"] = row["region"],
            ["partners"] = Parties(row.List("partners")),
            ["cost"] = Number(row["cost"]),
            ["qualifiers"] = Qualifiers(row, "cost"),
            ["currency"] = row["currency"],
            ["costUnit"] = row["costUnit"],
            ["status"] = row["status"],
            ["agreementId"] = row["agreement"],
            ["description"] = row["description"],
            ["source"] = Source(row),
            ["note"] = row["note"],
        }),
    ];

    public static Kind? Named(string name) => All.FirstOrDefault(k => k.Name == name);

    public static string Names => string.Join(", ", All.Select(k => k.Name));

    private static JsonArray Parties(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode?)Party(v))]);

    /// <summary>
    /// A party by its code when the cell holds one (BY-VI, CN), a party the source does not name by its country alone
    /// (unnamed:CN), else by the name the gazetteer resolves.
    /// </summary>
    private static JsonObject? Party(string? value) => value is null ? null
        : value.StartsWith(UnnamedPrefix, StringComparison.OrdinalIgnoreCase) ? new JsonObject { ["country"] = value[UnnamedPrefix.Length..].Trim().ToUpperInvariant() }
        : Code().IsMatch(value) ? new JsonObject { ["code"] = value.ToUpperInvariant() } : new JsonObject { ["name"] = value };

    private const string UnnamedPrefix = "unnamed:";

    /// <summary>A member of a delegation as "name, position"; either may be left out ("Ivanov" or ", Minister").</summary>
    private static JsonNode Member(string value)
    {
        var parts = value.Split(',', 2, StringSplitOptions.TrimEntries);
        return new JsonObject
        {
            ["name"] = parts[0] is { Length: > 0 } name ? name : null,
            ["position"] = parts.Length > 1 && parts[1].Length > 0 ? parts[1] : null,
        };
    }

    /// <summary>How a number cell says the source states it: ~ about, &gt; at least (more than), &lt; at most.</summary>
    private static string? QualifierOf(string? value) => value?.TrimStart() switch
    {
        ['~', ..] => "about",
        ['>', ..] => "at-least",
        ['<', ..] => "at-most",
        _ => null,
    };

    /// <summary>The qualifiers of the row's number cells, by column, or null when every one is exact.</summary>
    private static JsonObject? Qualifiers(Row row, params string[] columns)
    {
        var qualifiers = new JsonObject();
        foreach (var column in columns)
            if (QualifierOf(row[column]) is { } qualifier) qualifiers[column] = qualifier;
        return qualifiers.Count == 0 ? null : qualifiers;
    }

    /// <summary>The row's source: a document's title or an http(s) address (titled by its host), with the row's quote.</summary>
    private static JsonObject? Source(Row row)
    {
        if (row["source"] is not { } value) return row["quote"] is { } orphan ? new JsonObject { ["quote"] = orphan } : null;
        var source = Uri.TryCreate(value, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"
            ? new JsonObject { ["title"] = url.Host, ["url"] = value }
            : new JsonObject { ["title"] = value };
        source["quote"] = row["quote"];
        return source;
    }

    private static JsonNode? Number(string? value)
    {
        if (value is null) return null;
        var number = QualifierOf(value) is null ? value : value.TrimStart()[1..].Trim();
        return decimal.TryParse(number, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? JsonValue.Create(d) : JsonValue.Create(value);
    }

    [GeneratedRegex("^[A-Za-z]{2}(-[A-Za-z0-9]{1,3})?$")]
    private static partial Regex Code();
}
