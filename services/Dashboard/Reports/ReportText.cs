using System.Globalization;
using Cooperation.Contracts;
using Cooperation.Dashboard.ReadModels;

namespace Cooperation.Dashboard.Reports;

/// <summary>A piece of the report as written: the title, a line of its header, a section's heading, a fact with its footnote, or a remark.</summary>
/// <param name="Note">A fact's footnote: its source (title, quote, locator, link) and the record it was read from.</param>
public sealed record ReportBlock(ReportBlockKind Kind, string Text, string? Note = null);

public enum ReportBlockKind { Title, Header, Heading, Subheading, Fact, Remark }

/// <summary>
/// The report written out in Russian or English, as the ministry's own compilations read: the same words for the Word
/// document and the page, so the two never differ.
/// </summary>
public static class ReportText
{
    public static bool Russian(ReportFilters filters) => filters.Lang == "ru";

    public static string Title(ReportFilters f, DateOnly end)
    {
        var ru = Russian(f);
        var region = f.Region is null ? (ru ? "все регионы" : "all regions") : PlaceName(f.Region, f.Region, ru);
        var partner = f.Partner is null ? (ru ? "все партнёры" : "all partners") : PlaceName(f.Partner, f.Partner, ru);
        var period = (f.From is null ? "" : Date(f.From, ru) + " – ") + (f.To is null ? Date(PartialDate.OfDay(end).ToString(), ru) : Date(f.To, ru));
        return ru ? $"Межрегиональное сотрудничество: {region} — {partner}, {period}" : $"Interregional cooperation: {region} — {partner}, {period}";
    }

    public static IReadOnlyList<ReportBlock> Write(CompiledReport r)
    {
        var ru = Russian(r.Filters);
        string T(string en, string rus) => ru ? rus : en;
        var blocks = new List<ReportBlock> { new(ReportBlockKind.Title, r.Title) };
        var computed = Moment(r.ComputedAt, ru);
        blocks.Add(new(ReportBlockKind.Header, r.Moment is { } past
            ? T($"As the dashboard stood at {Moment(past, ru)} (computed at {computed}).", $"По состоянию панели на {Moment(past, ru)} (составлено {computed}).")
            : T($"Computed at {computed}.", $"Составлено {computed}.")));
        blocks.Add(new(ReportBlockKind.Header, T(
            $"From the dashboard's log up to position {r.LogPosition} ({r.EventsConsumed} events{(r.LastEventAt is { } at ? $", the last recorded at {Moment(at, ru)}" : "")}); "
            + $"the same report is computed again with asOf={Stamp(r.Recompute)}.",
            $"По журналу панели до позиции {r.LogPosition} (событий: {r.EventsConsumed}{(r.LastEventAt is { } at2 ? $", последнее записано {Moment(at2, ru)}" : "")}); "
            + $"тот же отчёт составляется заново с asOf={Stamp(r.Recompute)}.")));

        var end = PartialDate.OfDay(r.AsOf).ToString();
        var periodEnd = r.Filters.To is null ? Date(end, ru) : Date(r.Filters.To, ru);
        Section(T($"Agreements in force at the end of the period ({periodEnd})", $"Документы, действующие на конец периода ({periodEnd})"),
            r.InForce.Select(a => Fact(AgreementLine(a, ru), a.Source, $"/api/agreements/{a.Id}")));
        Section(T("Agreements signed within the period", "Документы, подписанные в период"),
            r.SignedWithin.Select(a => Fact(AgreementLine(a, ru), a.Source, $"/api/agreements/{a.Id}")));
        Section(T("Plans of events and programmes, and how far they are carried out", "Планы мероприятий и программы, ход их выполнения"),
            r.Plans.Select(p => Fact(PlanLine(p, ru), p.Source, $"/api/agreements/{p.Id}")));

        blocks.Add(new(ReportBlockKind.Heading, T("Visits", "Визиты")));
        foreach (var (status, en, rus) in new[]
                 {
                     ("completed", "Visits made", "Состоявшиеся визиты"), ("planned", "Visits planned", "Запланированные визиты"),
                     ("overdue", "Visits planned whose dates have passed with no record of them being made", "Запланированные визиты, сроки которых прошли, а сведений о проведении нет"),
                 })
            Section(T(en, rus), r.Visits.Where(v => v.Status == status).Select(v => Fact(VisitLine(v, ru), v.Source, $"/api/delegations/visits/{v.Id}")),
                ReportBlockKind.Subheading);

        Section(T("Visits counted over a period", "Число визитов за период"),
            r.VisitCounts.Select(c => Fact(VisitCountLine(c, ru), c.Source, $"/api/delegations/visit-counts/{c.Id}")));

        Section(T("Trade", "Торговля"), r.Trade.Select(t => Fact(TradeLine(t, ru), t.Source, $"/api/trade/reports/{t.Figure.Id}")));
        Section(T("Investment projects", "Инвестиционные проекты"), r.Projects.Select(p => Fact(ProjectLine(p, ru), p.Source, $"/api/trade/projects/{p.Id}")));
        Section(T("Companies with foreign investment", "Предприятия с иностранными инвестициями"),
            r.CompanyCounts.Select(c => Fact(CompanyCountLine(c, ru), c.Source, $"/api/trade/foreign-invested-companies/{c.Id}")));
        Section(T("Fairs, forums, festivals and other occasions", "Ярмарки, форумы, фестивали и другие мероприятия"),
            r.Occasions.Select(o => Fact(OccasionLine(o, ru), o.Source, $"/api/delegations/occasions/{o.Id}")));
        Section(T("Exchanges of students, teachers and specialists", "Обмены студентами, преподавателями и специалистами"),
            r.Exchanges.Select(x => Fact(ExchangeLine(x, ru), x.Source, $"/api/delegations/exchanges/{x.Id}")));
        var since = Date(PartialDate.OfDay(r.DormantSince).ToString(), ru);
        Section(T($"Ties that went quiet: in force, nothing recorded since {since}", $"Связи без активности: действуют, но с {since} ничего не отмечено"),
            r.Dormant.Select(a => Fact(DormantLine(a, ru), a.Source, $"/api/agreements/{a.Id}")));
        return blocks;

        void Section(string heading, IEnumerable<ReportBlock> facts, ReportBlockKind kind = ReportBlockKind.Heading)
        {
            blocks.Add(new(kind, heading));
            var before = blocks.Count;
            blocks.AddRange(facts);
            if (blocks.Count == before) blocks.Add(new(ReportBlockKind.Remark, T("Nothing recorded.", "Сведений нет.")));
        }

        // One full stop at the end, also after a date that ends with one ("2004 г.").
        ReportBlock Fact(string text, SourceRef? source, string record) => new(ReportBlockKind.Fact, text.TrimEnd('.') + ".", Note(source, record, ru));
    }

    /// <summary>The footnote of a fact: the source's title, the words it says it in, where in it, the link; then the record it was read from.</summary>
    public static string Note(SourceRef? source, string record, bool ru)
    {
        var parts = new List<string>();
        if (source is null) parts.Add(ru ? "Источник не указан" : "No source recorded");
        else
        {
            parts.Add(source.Title);
            if (!string.IsNullOrWhiteSpace(source.Quote)) parts.Add(ru ? $"«{source.Quote}»" : $"“{source.Quote}”");
            if (!string.IsNullOrWhiteSpace(source.Locator)) parts.Add(source.Locator);
            if (!string.IsNullOrWhiteSpace(source.Url)) parts.Add(source.Url);
        }
        parts.Add((ru ? "Запись: " : "Record: ") + record);
        return string.Join(". ", parts.Select(p => p.TrimEnd('.'))) + ".";
    }

    private static string AgreementLine(ReportAgreement a, bool ru)
    {
        var signed = a.SignedOn is null ? (ru ? "подписано, дата не указана" : "signed, date not recorded")
            : (ru ? "подписано " : "signed ") + Date(a.SignedOn, ru);
        var line = $"{a.Title} ({Kind(a.Kind, ru)}; {Sides(a.Region, a.Partners, ru)}): {signed}";
        if (a.ValidUntil is not null) line += (ru ? ", действует до " : ", valid until ") + Date(a.ValidUntil, ru);
        if (a.Status is "terminated" or "expired")
            line += a.Status == "terminated" ? (ru ? "; впоследствии прекращено" : "; since terminated") : (ru ? "; срок действия с тех пор истёк" : "; since expired");
        return line + ".";
    }

    private static string PlanLine(ReportPlan p, bool ru)
    {
        var signed = p.SignedOn is null ? (ru ? "дата подписания не указана" : "date of signing not recorded") : (ru ? "подписан " : "signed ") + Date(p.SignedOn, ru);
        var progress = p.Total == 0
            ? (ru ? "пункты плана не внесены" : "no items recorded")
            : ru ? $"выполнено {p.Done} из {p.Total} пунктов, предстоит {p.Open}, просрочено {p.Overdue}, отменено {p.Cancelled}"
                 : $"{p.Done} of {p.Total} items carried out, {p.Open} to come, {p.Overdue} overdue, {p.Cancelled} cancelled";
        return $"{p.Title} ({Kind(p.Kind, ru)}; {Sides(p.Region, p.Partners, ru)}; {signed}): {progress}.";
    }

    private static string VisitLine(ReportVisit v, bool ru)
    {
        var dates = Dates(v.From, v.To, ru);
        var partners = Partners(v.Partners, ru);
        var region = PlaceName(v.Region, v.Region, ru);
        // Names stay in the nominative, as the gazetteer gives them: the host after a dash rather than declined.
        var who = v.Direction == "incoming"
            ? (ru ? $"визит делегации ({partners}), принимающая сторона — {region}" : $"delegation of {partners} to {region}")
            : (ru ? $"визит делегации ({region}), принимающая сторона — {partners}" : $"delegation of {region} to {partners}");
        var what = string.Join("; ", new[] { v.Purpose, v.Occasion }.Where(x => !string.IsNullOrWhiteSpace(x)));
        return $"{dates}: {who}{(what.Length > 0 ? $" — {what}" : "")}.";
    }

    private static string TradeLine(ReportTrade t, bool ru)
    {
        var f = t.Figure;
        var period = Dates(f.PeriodFrom, f.PeriodTo, ru);
        var flow = f.Flow == "services" ? (ru ? "услуги" : "services") : (ru ? "товары" : "goods");
        var parts = new List<string>();
        void Add(string en, string rus, decimal? value, string name)
        {
            if (value is { } v) parts.Add($"{(ru ? rus : en)} {Money(v, f.Qualifiers.Of(name), f.Unit, f.Currency, ru)}");
        }
        Add("turnover", "товарооборот", f.Turnover, "turnover");
        Add("exports", "экспорт", f.Exports, "exports");
        Add("imports", "импорт", f.Imports, "imports");
        Add("balance", "сальдо", f.Balance, "balance");
        if (f.GrowthPercent is { } growth)
            parts.Add((ru ? "рост товарооборота " : "turnover growth ") + Number(growth, f.Qualifiers.Of("growthPercent"), ru) + " %"
                      + (t.GrowthComputed ? (ru ? " (рассчитан к тому же периоду годом ранее)" : " (computed against the same period a year earlier)") : ""));
        if (f.Revised) parts.Add(ru ? "цифры уточнены" : "figures revised");
        var sides = $"{PlaceName(f.Region, f.Region, ru)} — {PlaceName(t.Partner.Key, t.Partner.Name, ru)}";
        return $"{period}, {sides} ({flow}): {(parts.Count == 0 ? (ru ? "цифры не приведены" : "no figures given") : string.Join(", ", parts))}.";
    }

    private static string ProjectLine(ReportProject p, bool ru)
    {
        var cost = p.Cost is { } c ? (ru ? ", стоимость " : ", cost ") + Money(c, p.CostQualifier, p.CostUnit, p.Currency, ru) : "";
        return $"{p.Name} ({Sides(p.Region, p.Partners, ru)}): {ProjectStatus(p.Status, ru)}{cost}.";
    }

    private static string OccasionLine(ReportOccasion o, bool ru)
    {
        var details = new List<string> { OccasionKind(o.Kind, ru) };
        if (o.Edition is { } edition) details.Add(ru ? $"проводится в {edition}-й раз" : $"edition {edition}");
        details.Add(Sides(o.Region, o.Partners, ru));
        if (o.Venue is { } venue) details.Add((ru ? "место проведения — " : "venue: ") + PlaceName(venue.Key, venue.Name, ru));
        var status = o.Status switch
        {
            "held" => ru ? "состоялось" : "held",
            "cancelled" => ru ? "отменено" : "cancelled",
            _ => ru ? "запланировано" : "planned",
        };
        return $"{Dates(o.From, o.To, ru)}: {o.Title} ({string.Join("; ", details)}): {status}.";
    }

    private static string ExchangeLine(ReportExchange x, bool ru)
    {
        var region = PlaceName(x.Region, x.Region, ru);
        var partners = Partners(x.Partners, ru);
        var (from, to) = x.Direction == "sent" ? (region, partners) : (partners, region);
        string Side(string? institution, string place) => institution is null ? place : $"{institution} ({place})";
        var kind = x.Kind switch
        {
            "students" => ru ? "студенты" : "students",
            "teachers" => ru ? "преподаватели" : "teachers",
            "specialists" => ru ? "специалисты" : "specialists",
            _ => ru ? "иные участники обмена" : "other people",
        };
        var direction = x.Direction == "sent" ? (ru ? "направленные" : "sent") : (ru ? "принятые" : "received");
        var count = x.Count is { } n ? Number(n, x.Qualifier, ru) + (ru ? " чел." : n == 1 && x.Qualifier is null ? " person" : " people") : (ru ? "число не указано" : "number not stated");
        if (x.Revised) count += ru ? ", уточнено" : ", revised";
        return ru
            ? $"{Dates(x.PeriodFrom, x.PeriodTo, ru)}: {kind}, {direction} ({count}); направляющая сторона — {Side(x.FromInstitution, from)}; принимающая сторона — {Side(x.ToInstitution, to)}."
            : $"{Dates(x.PeriodFrom, x.PeriodTo, ru)}: {kind} {direction} ({count}) from {Side(x.FromInstitution, from)} to {Side(x.ToInstitution, to)}.";
    }

    private static string VisitCountLine(ReportVisitCount c, bool ru)
    {
        var what = c.Direction == "outgoing" ? (ru ? "направлено делегаций" : "delegations sent") : (ru ? "принято делегаций" : "delegations received");
        var count = c.Count is { } n ? (ru ? $"{what} — {Number(n, c.Qualifier, ru)}" : $"{Number(n, c.Qualifier, ru)} {what}")
            : $"{what}, {(ru ? "число не указано" : "number not stated")}";
        var recounted = c.Recounted ? (ru ? " (уточнено)" : " (recounted)") : "";
        return $"{Dates(c.From, c.To, ru)}, {Sides(c.Region, c.Partners, ru)}: {count}{recounted}.";
    }

    private static string CompanyCountLine(ReportCompanyCount c, bool ru)
    {
        var place = PlaceName(c.Place.Key, c.Place.Name, ru);
        if (c.Place.Key != c.Region) place += $" ({PlaceName(c.Region, c.Region, ru)})";
        var investors = c.Investor is { } investor
            ? (ru ? "инвесторы — " : "investors from ") + PlaceName(investor.Key, investor.Name, ru)
            : (ru ? "инвесторы из любых стран" : "investors of any origin");
        string? Of(int? value, string name, string en, string rus) =>
            value is { } v ? (ru ? $"{rus} — {Number(v, c.Qualifiers.Of(name), ru)}" : $"{Number(v, c.Qualifiers.Of(name), ru)} {en}") : null;
        var numbers = string.Join(", ", new[]
        {
            Of(c.Total, "total", "companies with foreign investment", "предприятий с иностранными инвестициями"),
            Of(c.JointVentures, "jointVentures", "joint ventures", "совместных"),
            Of(c.ForeignOwned, "foreignOwned", "foreign-owned", "иностранных"),
        }.OfType<string>());
        var recounted = c.Recounted ? (ru ? " (уточнено)" : " (recounted)") : "";
        return $"{Date(c.AsOf, ru)}, {place}, {investors}: {(numbers.Length == 0 ? (ru ? "число не указано" : "number not stated") : numbers)}{recounted}.";
    }

    /// <summary>From one partial date to another, or the one alone when they are the same.</summary>
    private static string Dates(string from, string? to, bool ru) => to is null || to == from ? Date(from, ru) : $"{Date(from, ru)} – {Date(to, ru)}";

    private static string DormantLine(ReportAgreement a, bool ru)
    {
        var last = a.LastActivity!;
        var what = ActivityKind(last.Kind, ru) + (last.Title is null || last.Title == a.Title ? "" : $" ({last.Title})");
        return ru ? $"{a.Title} ({Sides(a.Region, a.Partners, ru)}): последнее — {what}, {Date(last.On, ru)}."
                  : $"{a.Title} ({Sides(a.Region, a.Partners, ru)}): last, {what}, {Date(last.On, ru)}.";
    }

    /// <summary>"about 345 million USD", "около 345 млн USD".</summary>
    public static string Money(decimal value, string? qualifier, string? unit, string? currency, bool ru)
    {
        var units = unit switch
        {
            "million" => ru ? " млн" : " million",
            "thousand" => ru ? " тыс." : " thousand",
            _ => "",
        };
        return $"{Number(value, qualifier, ru)}{units}{(currency is null ? "" : " " + currency)}";
    }

    public static string Number(decimal value, string? qualifier, bool ru)
    {
        var number = value.ToString("0.############", CultureInfo.InvariantCulture);
        if (ru) number = number.Replace('.', ',');
        var word = qualifier switch
        {
            Qualifiers.About => ru ? "около " : "about ",
            Qualifiers.AtLeast => ru ? "не менее " : "at least ",
            Qualifiers.AtMost => ru ? "до " : "up to ",
            _ => "",
        };
        return word + number;
    }

    private static readonly string[] MonthsEn = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
    private static readonly string[] MonthsRu = ["январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь"];
    private static readonly string[] MonthsRuOf = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"];

    /// <summary>A partial date as precisely as it is known: "2004", "May 2014", "20 May 2014"; "2004 г.", "май 2014 г.", "20 мая 2014 г.".</summary>
    public static string Date(string text, bool ru)
    {
        if (!PartialDate.TryParse(text, out var d)) return text;
        return (d.Month, d.Day) switch
        {
            (null, _) => ru ? $"{d.Year} г." : $"{d.Year}",
            ({ } m, null) => ru ? $"{MonthsRu[m - 1]} {d.Year} г." : $"{MonthsEn[m - 1]} {d.Year}",
            ({ } m, { } day) => ru ? $"{day} {MonthsRuOf[m - 1]} {d.Year} г." : $"{day} {MonthsEn[m - 1]} {d.Year}",
        };
    }

    private static string Moment(DateTimeOffset at, bool ru) => $"{Date(PartialDate.OfDay(at.Day()).ToString(), ru)}, {at.UtcDateTime:HH:mm:ss} UTC";

    private static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    private static string Sides(string region, Partner[] partners, bool ru) => $"{PlaceName(region, region, ru)} — {Partners(partners, ru)}";

    private static string Partners(Partner[] partners, bool ru) =>
        partners.Length == 0 ? (ru ? "партнёр не указан" : "no partner named") : string.Join(", ", partners.Select(p => PlaceName(p.Key, p.Name, ru)));

    /// <summary>A place by its name in the gazetteer in the reader's language; an organisation, or a place not there, as given.</summary>
    public static string PlaceName(string key, string given, bool ru) =>
        Gazetteer.Default.Find(key) is { } place ? (ru ? place.Names.Ru : place.Names.En) : given;

    private static string Kind(string kind, bool ru) => kind switch
    {
        "twinning" => ru ? "побратимские связи" : "twinning",
        "cooperation" => ru ? "соглашение о сотрудничестве" : "cooperation agreement",
        "protocol-of-intent" => ru ? "протокол о намерениях" : "protocol of intent",
        "memorandum" => ru ? "меморандум" : "memorandum",
        "friendly-relations" => ru ? "дружественные связи" : "friendly relations",
        AgreementKinds.Programme => ru ? "программа" : "programme",
        AgreementKinds.PlanOfEvents => ru ? "план мероприятий" : "plan of events",
        _ => ru ? "иной документ" : "other",
    };

    private static string OccasionKind(string kind, bool ru) => kind switch
    {
        "fair" => ru ? "ярмарка" : "fair",
        "forum" => ru ? "форум" : "forum",
        "exhibition" => ru ? "выставка" : "exhibition",
        "city-days" => ru ? "дни города" : "city days",
        "festival" => ru ? "фестиваль" : "festival",
        "concert" => ru ? "концерт" : "concert",
        "conference" => ru ? "конференция" : "conference",
        "competition" => ru ? "конкурс" : "competition",
        _ => ru ? "иное мероприятие" : "other",
    };

    private static string ProjectStatus(string status, bool ru) => status switch
    {
        "proposed" => ru ? "предложен" : "proposed",
        "agreed" => ru ? "согласован" : "agreed",
        "under-construction" => ru ? "реализуется" : "under construction",
        "operating" => ru ? "действует" : "operating",
        "cancelled" => ru ? "отменён" : "cancelled",
        _ => status,
    };

    private static string ActivityKind(string kind, bool ru) => kind switch
    {
        "signed" => ru ? "подписание" : "its signature",
        "amended" => ru ? "изменение" : "an amendment",
        "extended" => ru ? "продление" : "an extension",
        "plan-attached" => ru ? "принят план" : "a plan attached",
        "plan-item-added" => ru ? "внесён пункт плана" : "a plan item added",
        "plan-item-completed" => ru ? "выполнен пункт плана" : "a plan item carried out",
        "visit-linked" => ru ? "подписан в ходе визита" : "signed during a visit",
        "visit-planned" => ru ? "запланирован визит" : "a visit planned",
        "investment-project" => ru ? "инвестиционный проект" : "an investment project",
        _ => kind,
    };
}
