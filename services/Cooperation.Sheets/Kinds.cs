using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Cooperation.Sheets;

/// <summary>
/// A spreadsheet column: its header, what it holds in English and in Russian (the committees' clerks read Russian first; codes,
/// values the API takes and formats stay as they are written) and an example drawn from the seed documents.
/// </summary>
public sealed record Column(string Name, string Meaning, string MeaningRu, string Example);

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
        new("quote", "The source's own words for it (may be empty; needs a source)",
            "Дословная выдержка из источника, подтверждающая сведения (необязательно; только вместе с source)", "с провинциями Шаньдун (2004 г.), Хейлунцзян (2005 г.)"),
        new("note", "What the source leaves open, or how a figure was read (may be empty)",
            "Что в источнике не уточнено или как истолкована приведённая в нём цифра (необязательно)", "The seed gives the year only."),
    ];

    public static readonly Kind[] All =
    [
        new("agreements", "/api/agreements",
        [
            new("kind", "twinning, cooperation, protocol-of-intent, memorandum, friendly-relations, programme, plan-of-events or other",
                "Вид документа: twinning (о побратимских связях), cooperation (о сотрудничестве), protocol-of-intent (протокол о намерениях), memorandum (меморандум), friendly-relations (об установлении дружественных связей), programme (программа), plan-of-events (план мероприятий) или other (иной документ)", "cooperation"),
            new("title", "The agreement's title as the document gives it",
                "Наименование соглашения так, как оно приведено в документе", "Agreement on cooperation between Vitebsk Oblast and Shandong Province"),
            new("parties", "Two or more parties separated by ';': each a code (BY-VI), a name the gazetteer knows, in Russian, English or Chinese, or unnamed:CN for a party of that country the source does not name",
                "Две или более сторон через ';': каждая — код (BY-VI), название из справочника мест на русском, английском или китайском языке либо unnamed:CN для стороны из этой страны, не названной в источнике", "BY-VI; Шаньдун"),
            new("spheres", "Spheres of cooperation separated by ';': trade-economic, scientific-technical, humanitarian, culture, education, tourism and others (may be empty)",
                "Сферы сотрудничества через ';': trade-economic (торгово-экономическая), scientific-technical (научно-техническая), humanitarian (гуманитарная), culture (культура), education (образование), tourism (туризм) и другие (необязательно)", "trade-economic; culture"),
            new("status", "draft or signed; empty reads as signed when signedOn is given, else as a draft. signed without signedOn: signed on a date not known",
                "draft (проект) или signed (подписано); пустая ячейка читается как signed, если заполнено signedOn, иначе как draft. signed без signedOn — подписано, дата подписания неизвестна", "signed"),
            new("signedOn", "When it was signed: a year, a month or a day (2004, 2007-11, 2002-07-31); may be empty",
                "Дата подписания: год, месяц или день (2004, 2007-11, 2002-07-31); необязательно", "2004"),
            new("validUntil", "Until when it is in force, as a year, month or day (may be empty)",
                "Срок действия: год, месяц или день, до которого документ действует (необязательно)", "2009"),
            new("place", "Where it was signed (may be empty)",
                "Место подписания (необязательно)", "Jinan"),
            new("parent", "For a plan or programme under an agreement: the title of an agreement in the same file, or an agreement's id",
                "Для программы или плана мероприятий к соглашению: наименование соглашения из этого же файла либо идентификатор (id) соглашения", "Agreement on cooperation between Vitebsk Oblast and Shandong Province"),
            new("source", "Where the facts come from: the document's title, or its http(s) address",
                "Источник сведений: наименование документа или его адрес http(s)", "Vitebsk Oblast Executive Committee: interregional cooperation"),
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
            new("direction", "incoming (to the host's region) or outgoing (from it)",
                "incoming (приём делегации в регионе host) или outgoing (направление делегации из него)", "incoming"),
            new("host", "The region that receives or sends the delegation: a code or a known name",
                "Регион, принимающий или направляющий делегацию: код или название из справочника мест", "BY-VI"),
            new("guests", "The other side, separated by ';': codes or known names",
                "Другая сторона через ';': коды или названия из справочника мест", "Heilongjiang"),
            new("headName", "Who leads the delegation (may be empty)",
                "Руководитель делегации (необязательно)", "Wang Xiankui"),
            new("headPosition", "The head's position (may be empty)",
                "Должность руководителя делегации (необязательно)", "Secretary of the Provincial Party Committee"),
            new("members", "Who goes beside the head, separated by ';', each as name, position (may be empty; a name alone, or , position alone)",
                "Члены делегации помимо руководителя через ';', каждый в виде «ФИО, должность» (необязательно; можно указать только ФИО или только «, должность»)", ""),
            new("plannedFrom", "When it starts: a year, a month or a day",
                "Начало визита: год, месяц или день", "2017"),
            new("plannedTo", "When it ends (may be empty)",
                "Окончание визита (необязательно)", "2017"),
            new("purpose", "What it is for (may be empty)",
                "Цель визита (необязательно)", "Participation in the International Investment Forum"),
            new("occasion", "The event it comes for (may be empty)",
                "Мероприятие, ради которого совершается визит (необязательно)", "International Investment Forum, Vitebsk"),
            new("venue", "Where it is held when that is neither the host nor a guest, a code or a known name (may be empty)",
                "Место проведения, если визит проходит не в регионе host и не у гостей: код или название из справочника мест (необязательно)", ""),
            new("heldUnder", "The id of the agreement it is held under, when nothing is signed during it (may be empty)",
                "Идентификатор (id) соглашения, в рамках которого совершается визит, если в ходе визита ничего не подписывается (необязательно)", ""),
            new("size", "How many people (may be empty; ~30 about, >100 more than, <10 at most)",
                "Численность делегации, человек (необязательно; ~30 — около, >100 — более, <10 — не более)", ">100"),
            new("source", "The document's title or its http(s) address",
                "Источник сведений: наименование документа или его адрес http(s)", "Vitebsk Oblast Executive Committee: interregional cooperation"),
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
            new("direction", "incoming (received by the host) or outgoing (made by it)",
                "incoming (визиты, принятые стороной host) или outgoing (визиты, совершённые ею)", "incoming"),
            new("host", "The place that received or made the visits: a code or a known name",
                "Сторона, принявшая или совершившая визиты: код или название из справочника мест", "Благовещенск"),
            new("partner", "The other side: a code or a known name",
                "Другая сторона: код или название из справочника мест", "CN"),
            new("periodFrom", "The first year, month or day the count covers",
                "Начало периода, за который приведено число визитов: год, месяц или день", "2011"),
            new("periodTo", "The last year, month or day it covers",
                "Окончание этого периода: год, месяц или день", "2011"),
            new("count", "How many visits (~22 about, >22 more than, <22 at most)",
                "Количество визитов (~22 — около, >22 — более, <22 — не более)", "22"),
            new("source", "The document's title or its http(s) address",
                "Источник сведений: наименование документа или его адрес http(s)", "Blagoveshchensk city administration: international relations, tourism and foreign trade in 2011"),
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
            new("kind", "fair, forum, exhibition, city-days, festival, concert, conference, competition or other",
                "Вид мероприятия: fair (ярмарка), forum (форум), exhibition (выставка), city-days (дни города), festival (фестиваль), concert (концерт), conference (конференция), competition (конкурс, соревнование) или other (иное)", "fair"),
            new("title", "The occasion's name as the source gives it",
                "Название мероприятия так, как оно приведено в источнике", "23rd Harbin International Economic and Trade Fair"),
            new("series", "The recurring event it is an edition of (may be empty)",
                "Регулярно проводимое мероприятие, очередным из которых является данное (необязательно)", "Harbin International Economic and Trade Fair"),
            new("edition", "Its number in the series: 23 for the 23rd (may be empty; needs a series)",
                "Порядковый номер проведения: 23 для 23-й ярмарки (необязательно; только вместе с series)", "23"),
            new("venue", "Where it is held: a code or a known name (may be empty when organisers or participants are given)",
                "Место проведения: код или название из справочника мест (можно не указывать, если заполнены organisers или participants)", "Harbin"),
            new("from", "When it starts: a year, a month or a day",
                "Начало: год, месяц или день", "2012-06"),
            new("to", "When it ends (may be empty)",
                "Окончание (необязательно)", ""),
            new("organisers", "Who holds it, separated by ';': codes or known names (may be empty)",
                "Организаторы через ';': коды или названия из справочника мест (необязательно)", "CN-HL"),
            new("participants", "Places and organisations taking part, separated by ';' (may be empty)",
                "Участвующие территории и организации через ';' (необязательно)", "BY-VI"),
            new("source", "The document's title or its http(s) address",
                "Источник сведений: наименование документа или его адрес http(s)", "Ministry of Foreign Affairs of Belarus: regional and twin-town relations with China"),
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
            new("kind", "students, teachers, specialists or other",
                "Категория участников обмена: students (студенты), teachers (преподаватели), specialists (специалисты) или other (иные)", "students"),
            new("direction", "sent (from the committee's territory) or received (into it)",
                "sent (направлены со своей территории) или received (приняты на своей территории)", "received"),
            new("from", "The place they come from: a code or a known name",
                "Откуда направлены: код или название из справочника мест", "CN"),
            new("fromInstitution", "The institution they come from (may be empty)",
                "Направляющее учреждение (необязательно)", ""),
            new("to", "The place they go to: a code or a known name",
                "Куда направлены: код или название из справочника мест", "BY-MA"),
            new("toInstitution", "The institution they go to (may be empty)",
                "Принимающее учреждение (необязательно)", "Belarusian State Agricultural Academy"),
            new("periodFrom", "The first year, month or day (may be empty with an academic year)",
                "Начало периода: год, месяц или день (можно не указывать, если заполнен academicYear)", "2010"),
            new("periodTo", "The last year, month or day (may be empty)",
                "Окончание периода (необязательно)", "2010"),
            new("academicYear", "The academic year, as 2011-2012 (may be empty)",
                "Учебный год в виде 2011-2012 (необязательно)", ""),
            new("count", "How many people (may be empty; ~30 about, >100 more than, <100 up to)",
                "Количество человек (необязательно; ~30 — около, >100 — более, <100 — до)", "18"),
            new("subject", "What they study, teach or work in (may be empty)",
                "Специальность, предмет обучения или преподавания, область работы (необязательно)", ""),
            new("opened", "An institution opened for it (may be empty)",
                "Учреждение, открытое в рамках обмена (необязательно)", ""),
            new("openedOn", "When it was opened (with an institution opened)",
                "Дата открытия этого учреждения (вместе с opened)", ""),
            new("source", "The document's title or its http(s) address",
                "Источник сведений: наименование документа или его адрес http(s)", "Ministry of Foreign Affairs of Belarus: regional and twin-town relations with China"),
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
            new("kind", "intergovernmental-commission, joint-commission, joint-working-group, working-group, council or other",
                "Вид органа: intergovernmental-commission (межправительственная комиссия), joint-commission (совместная комиссия), joint-working-group (совместная рабочая группа), working-group (рабочая группа), council (совет) или other (иной)", "joint-working-group"),
            new("title", "The body's name as the source gives it",
                "Наименование органа так, как оно приведено в источнике", "Joint working group on cooperation between the Republic of Belarus and Kursk Oblast"),
            new("parties", "Two or more parties separated by ';': codes or names the gazetteer knows",
                "Две или более сторон через ';': коды или названия из справочника мест", "BY; RU-KRS"),
            new("agreement", "The id of the agreement that set it up (may be empty)",
                "Идентификатор (id) соглашения, которым образован орган (необязательно)", ""),
            new("formedOn", "When it was set up: a year, a month or a day (may be empty)",
                "Дата образования: год, месяц или день (необязательно)", ""),
            new("source", "The document's title or its http(s) address",
                "Источник сведений: наименование документа или его адрес http(s)", "Ministry of Communications and Informatization of Belarus: cooperation with Kursk Oblast"),
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
            new("reporter", "The region whose trade it is: a code or a known name",
                "Регион, внешняя торговля которого отражена: код или название из справочника мест", "BY-HM"),
            new("partner", "The trading partner: a country or region code or a known name",
                "Торговый партнёр: код страны или региона либо название из справочника мест", "CN"),
            new("periodFrom", "The first month (or year) the figures cover",
                "Первый месяц (или год) периода, за который приведены показатели", "2006-01"),
            new("periodTo", "The last month (or year) they cover",
                "Последний месяц (или год) этого периода", "2006-11"),
            new("flow", "goods or services",
                "goods (товары) или services (услуги)", "goods"),
            new("currency", "The currency's ISO code",
                "Код валюты по ISO", "USD"),
            new("unit", "thousand or million",
                "thousand (тыс.) или million (млн)", "million"),
            new("exports", "Exports in that unit (may be empty)",
                "Экспорт в указанных единицах (необязательно)", ""),
            new("imports", "Imports in that unit (may be empty)",
                "Импорт в указанных единицах (необязательно)", ""),
            new("turnover", "Exports and imports together (may be empty). Any figure may say how the source states it: ~345 about, >190 more than, <12 at most",
                "Оборот — экспорт и импорт вместе (необязательно). У любого показателя можно указать, как он приведён в источнике: ~345 — около, >190 — более, <12 — не более", "~345"),
            new("balance", "Exports less imports (may be empty)",
                "Сальдо — экспорт за вычетом импорта (необязательно)", ""),
            new("growthPercent", "The turnover's growth on the same period a year before, in percent (may be empty)",
                "Прирост (снижение) оборота к соответствующему периоду предыдущего года, в процентах (необязательно)", ""),
            new("source", "The document's title or its http(s) address",
                "Источник сведений: наименование документа или его адрес http(s)", "Ministry of Foreign Affairs of Belarus: regional and twin-town relations with China"),
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
            new("name", "The investment project's name",
                "Наименование инвестиционного проекта", "Intelligent transportation safety system of Minsk"),
            new("region", "Where it is carried out: a region code, or a city or district in it",
                "Где реализуется проект: код региона либо город или район в нём", "BY-HM"),
            new("partners", "The partners separated by ';': codes or known names",
                "Партнёры через ';': коды или названия из справочника мест", "CN-SH"),
            new("cost", "What it costs (may be empty; ~270 about, >250 more than, <300 at most)",
                "Стоимость проекта (необязательно; ~270 — около, >250 — более, <300 — не более)", "269.8"),
            new("currency", "The cost's currency (with a cost)",
                "Валюта стоимости (вместе с cost)", "USD"),
            new("costUnit", "thousand or million (with a cost)",
                "thousand (тыс.) или million (млн), вместе с cost", "million"),
            new("status", "The project's status: proposed, agreed, under-construction, operating or cancelled",
                "Стадия проекта: proposed (предложен), agreed (согласован), under-construction (реализуется), operating (действует) или cancelled (отменён)", "agreed"),
            new("agreement", "The id of the agreement it stems from (may be empty)",
                "Идентификатор (id) соглашения, в рамках которого реализуется проект (необязательно)", ""),
            new("description", "What it is (may be empty)",
                "Краткое описание проекта (необязательно)", "A traffic safety system for the city"),
            new("source", "The document's title or its http(s) address",
                "Источник сведений: наименование документа или его адрес http(s)", "Ministry of Foreign Affairs of Belarus: regional and twin-town relations with China"),
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
