using System.Net;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using static Cooperation.Api.Tests.DashboardTests;

namespace Cooperation.Api.Tests;

/// <summary>
/// The compiled report (<c>/api/dashboard/reports</c>) through the gateway: the Vitebsk Oblast–China slice of 2004-2019
/// written as the demo data has it, as JSON, as a Word document read back with the Open XML SDK and as a page, against
/// the services' own lists. In the dashboard's collection, which runs alone, so that no other test writes while the
/// report and the lists are compared.
/// </summary>
[Collection(nameof(DashboardTests))]
public class DashboardReportTests(CooperationSystem system)
{
    private const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    private const string Slice = "/api/dashboard/reports?region=BY-VI&partner=CN&from=2004&to=2019";

    private static object Source(string quote) => new { title = "Vitebsk Oblast Executive Committee: interregional cooperation", quote, locator = "seeds/000" };

    private static object Agreement(string kind, string title, string partner, string? signedOn, string quote, string? validUntil = null) => new
    {
        kind, title, signedOn, validUntil, status = signedOn is null ? "signed" : null,
        parties = new object[] { new { code = "BY-VI" }, new { code = partner } },
        spheres = new[] { "trade-economic" },
        source = Source(quote),
    };

    private static object Visit(string direction, string guest, string plannedFrom, string purpose, string quote) => new
    {
        direction, host = new { code = "BY-VI" }, guests = new object[] { new { code = guest } }, plannedFrom, purpose, source = Source(quote),
    };

    private static async Task<byte[]> DownloadAsync(HttpClient client, string path, string accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd(accept);
        using var response = await client.SendAsync(request);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} as {accept}: {(int)response.StatusCode} {System.Text.Encoding.UTF8.GetString(bytes)}");
        Assert.Equal(accept, response.Content.Headers.ContentType?.MediaType);
        return bytes;
    }

    /// <summary>Every record of a list of a service, all pages.</summary>
    private static async Task<List<JsonElement>> AllAsync(HttpClient client, string path)
    {
        var items = new List<JsonElement>();
        for (var page = 1; ; page++)
        {
            var list = await client.GetJsonAsync($"{path}&page={page}&pageSize=200");
            items.AddRange(list.GetProperty("items").EnumerateArray());
            if (items.Count >= list.GetProperty("total").GetInt32()) return items;
        }
    }

    private static string[] Ids(JsonElement report, string section) =>
        report.GetProperty(section).EnumerateArray().Select(a => (a.TryGetProperty("id", out var id) ? id : a.GetProperty("figure").GetProperty("id")).GetString()!).ToArray();

    private static string? Text(JsonElement e, string name) => e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    [Fact]
    public async Task The_Vitebsk_China_report_for_2004_2019_holds_the_slices_agreements_and_visits_with_their_quotes_as_footnotes()
    {
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        using var ministry = await system.ClientAsync("ministry");
        var word = Guid.NewGuid().ToString("N");
        var shandong = await RegisterAsync(vitebsk, Agreement("cooperation", $"Agreement on cooperation with Shandong {word}", "CN-SD", "2004",
            $"с провинциями Шаньдун (2004 г.) {word}"));
        var twinning = await RegisterAsync(vitebsk, Agreement("twinning", $"Twinning with Heilongjiang {word}", "CN-HL", "2014-05-20",
            $"В 2014 году подписано соглашение об установлении побратимских связей {word}"));
        var programme = await RegisterAsync(vitebsk, Agreement("programme", $"Programme of cooperation until 2020 {word}", "CN-HL", "2014",
            $"Программа развития сотрудничества ... до 2020 года {word}", validUntil: "2020"));
        var undated = await RegisterAsync(vitebsk, Agreement("memorandum", $"Memorandum with Guizhou {word}", "CN-GZ", null, $"Гуйчжоу {word}"));
        var later = await RegisterAsync(vitebsk, Agreement("cooperation", $"Agreement with Jiangxi signed later {word}", "CN-JX", "2021", $"Цзянси {word}"));
        var russian = await RegisterAsync(vitebsk, Agreement("cooperation", $"Agreement with Kursk {word}", "RU-KRS", "2010", $"Курск {word}"));
        using (var item = await vitebsk.PostAsync($"/api/agreements/{programme}/items", new { title = $"Harbin fair {word}", due = "2019-06" }))
            Assert.True(item.StatusCode == HttpStatusCode.Created, await item.Content.ReadAsStringAsync());

        var forum = await vitebsk.CreateAsync("/api/delegations/visits", Visit("incoming", "CN-HL", "2017", $"Investment forum {word}",
            $"Официальная делегация провинции Хэйлунцзян приняла участие ... в 2017 году {word}"));
        using (var done = await vitebsk.PostAsync($"/api/delegations/visits/{forum}/completion", new { from = "2017-05-18", to = "2017-05-19" }))
            Assert.True(done.IsSuccessStatusCode, await done.Content.ReadAsStringAsync());
        var harbin = await vitebsk.CreateAsync("/api/delegations/visits", Visit("outgoing", "CN-HL", "2019-06", $"Harbin fair {word}",
            $"Очередной визит делегации области ... запланирован на июнь 2019 года {word}"));
        var cancelled = await vitebsk.CreateAsync("/api/delegations/visits", Visit("incoming", "CN-SD", "2018-09", $"Cancelled {word}", $"Отменён {word}"));
        using (var cancel = await vitebsk.PostAsync($"/api/delegations/visits/{cancelled}/cancellation", new { reason = "Postponed" }))
            Assert.True(cancel.IsSuccessStatusCode, await cancel.Content.ReadAsStringAsync());

        // The services' own lists of the slice, to be matched: visits by host and partner over the period (not cancelled),
        // agreements of Vitebsk Oblast signed within it with a Chinese party.
        var apiVisits = (await AllAsync(ministry, "/api/delegations/visits?region=BY-VI&partner=CN&from=2004&to=2019"))
            .Where(v => v.GetProperty("status").GetString() != "cancelled").ToDictionary(v => v.GetProperty("id").GetString()!);
        var apiSigned = (await AllAsync(ministry, "/api/agreements?region=BY-VI&signedFrom=2004&signedTo=2019"))
            .Where(a => a.GetProperty("parties").EnumerateArray().Any(p => p.TryGetProperty("country", out var c) && c.GetString() == "CN"))
            .ToDictionary(a => a.GetProperty("id").GetString()!);

        var report = await ministry.EventuallyAsync(Slice + "&lang=en", r =>
            Ids(r, "visits").Order().SequenceEqual(apiVisits.Keys.Order()) && Ids(r, "signedWithin").Contains(twinning.ToString())
            && Ids(r, "inForce").Contains(undated.ToString()) && Ids(r, "plans").Contains(programme.ToString()));

        Assert.Equal(new[] { shandong, twinning, programme }.Select(i => i.ToString()).Order(),
            Ids(report, "signedWithin").Intersect(new[] { shandong, twinning, programme, undated, later, russian }.Select(i => i.ToString())).Order());
        Assert.Subset(apiSigned.Keys.ToHashSet(), Ids(report, "signedWithin").ToHashSet());
        foreach (var agreement in report.GetProperty("signedWithin").EnumerateArray())
        {
            var listed = apiSigned[agreement.GetProperty("id").GetString()!];
            Assert.Equal(listed.GetProperty("title").GetString(), agreement.GetProperty("title").GetString());
            Assert.Equal(listed.GetProperty("signedOn").GetString(), agreement.GetProperty("signedOn").GetString());
        }
        var inForce = Ids(report, "inForce");
        Assert.Contains(undated.ToString(), inForce);
        Assert.DoesNotContain(later.ToString(), inForce);
        Assert.DoesNotContain(russian.ToString(), inForce);
        foreach (var visit in report.GetProperty("visits").EnumerateArray())
            Assert.Equal(apiVisits[visit.GetProperty("id").GetString()!].GetProperty("status").GetString(), visit.GetProperty("status").GetString());
        var statuses = report.GetProperty("visits").EnumerateArray().ToDictionary(v => v.GetProperty("id").GetString()!, v => v.GetProperty("status").GetString());
        Assert.Equal("completed", statuses[forum.ToString()]);
        Assert.Equal("overdue", statuses[harbin.ToString()]);
        var plan = report.GetProperty("plans").EnumerateArray().Single(p => p.GetProperty("id").GetString() == programme.ToString());
        Assert.Equal((1, 1), (plan.GetProperty("total").GetInt32(), plan.GetProperty("overdue").GetInt32()));
        var position = report.GetProperty("logPosition").GetInt64();
        Assert.True(position > 0);
        // The other formats at the moment the header names, so that what other tests write meanwhile does not count.
        var then = $"&asOf={Uri.EscapeDataString(report.GetProperty("recompute").GetDateTimeOffset().ToString("O"))}";

        // The same report as a Word document, read back with the Open XML SDK: valid, its facts in the body, each source a footnote.
        var bytes = await DownloadAsync(ministry, Slice + "&lang=en" + then, Docx);
        using var document = WordprocessingDocument.Open(new MemoryStream(bytes), isEditable: false);
        Assert.Empty(new OpenXmlValidator().Validate(document));
        var body = document.MainDocumentPart!.Document!.Body!;
        var notes = document.MainDocumentPart.FootnotesPart!.Footnotes!.Elements<Footnote>().Where(n => n.Id!.Value > 0).ToDictionary(n => n.Id!.Value, n => n.InnerText);
        var references = body.Descendants<FootnoteReference>().Select(r => r.Id!.Value).ToArray();
        Assert.Equal(notes.Keys.Order(), references.Order());
        var facts = new[] { "inForce", "signedWithin", "plans", "visits", "trade", "projects", "occasions", "exchanges", "visitCounts", "companyCounts", "dormant" }.Sum(s => report.GetProperty(s).GetArrayLength());
        Assert.Equal(facts, references.Length);
        Assert.StartsWith("Interregional cooperation: Vitebsk Oblast — China, 2004 – 2019", body.InnerText);
        Assert.Contains($"position {position}", body.InnerText);

        // Each of the slice's agreements and visits is a paragraph whose footnote quotes its source and names its record.
        string NoteOf(string text)
        {
            var paragraph = body.Elements<Paragraph>().First(p => p.InnerText.Contains(text));
            return notes[paragraph.Descendants<FootnoteReference>().Single().Id!.Value];
        }
        foreach (var (record, path, title) in new[]
                 {
                     (shandong, "agreements", "Agreement on cooperation with Shandong"), (twinning, "agreements", "Twinning with Heilongjiang"),
                     (undated, "agreements", "Memorandum with Guizhou"), (forum, "delegations/visits", "Investment forum"),
                     (harbin, "delegations/visits", "Harbin fair"),
                 })
        {
            var source = (await ministry.GetJsonAsync($"/api/{path}/{record}")).GetProperty("source");
            var note = NoteOf($"{title} {word}");
            Assert.Contains(source.GetProperty("quote").GetString()!, note);
            Assert.Contains(source.GetProperty("title").GetString()!, note);
            Assert.Contains($"/api/{path}/{record}", note);
        }
        Assert.Contains(body.Elements<Paragraph>(), p => p.InnerText.Contains($"Memorandum with Guizhou {word}") && p.InnerText.Contains("signed, date not recorded"));
        Assert.Contains(body.Elements<Paragraph>(), p => p.InnerText.Contains($"Twinning with Heilongjiang {word}") && p.InnerText.Contains("signed 20 May 2014"));
        Assert.DoesNotContain($"Agreement with Kursk {word}", body.InnerText);
        Assert.DoesNotContain($"Cancelled {word}", body.InnerText);

        // In Russian, and as a page with the same notes.
        var ru = await DownloadAsync(ministry, Slice + "&lang=ru" + then, Docx);
        using var russianDocument = WordprocessingDocument.Open(new MemoryStream(ru), isEditable: false);
        Assert.StartsWith("Межрегиональное сотрудничество: Витебская область — Китай, 2004 г. – 2019 г.", russianDocument.MainDocumentPart!.Document!.Body!.InnerText);
        Assert.Contains("подписано 20 мая 2014 г.", russianDocument.MainDocumentPart.Document.Body.InnerText);
        var page = System.Text.Encoding.UTF8.GetString(await DownloadAsync(ministry, Slice + "&lang=en" + then, "text/html"));
        Assert.Contains($"Twinning with Heilongjiang {word}", page);
        Assert.Contains(System.Net.WebUtility.HtmlEncode($"В 2014 году подписано соглашение об установлении побратимских связей {word}"), page);
        Assert.Equal(references.Length, page.Split("<li id=\"note-").Length - 1);

        // Recomputed at the moment the header names, it is the same report.
        var again = await ministry.GetJsonAsync(Slice + "&lang=en" + then);
        Assert.Equal(position, again.GetProperty("logPosition").GetInt64());
        foreach (var section in new[] { "inForce", "signedWithin", "plans", "visits", "trade", "projects", "occasions", "exchanges", "visitCounts", "companyCounts", "dormant" })
            Assert.Equal(Ids(report, section), Ids(again, section));
    }

    [Fact]
    public async Task Trade_figures_carry_their_growth_and_qualifiers_and_their_source()
    {
        using var grodno = await system.ClientAsync("committee", "BY-HR");
        using var ministry = await system.ClientAsync("ministry");
        var y = Api.FreshYear();
        object Report(int year, object figures) => Api.Merge(new
        {
            reporter = new { code = "BY-HR" }, partner = new { code = "CN" }, flow = "goods", currency = "USD", unit = "million",
            period = new { from = $"{year}", to = $"{year}" },
            source = new { title = "Grodno Oblast: trade with China", quote = $"около 345 млн долларов США в {year} году", locator = "p. 2" },
        }, figures);
        var first = await grodno.CreateAsync("/api/trade/reports", Report(y, new { exports = 200m, imports = 100m, turnover = 300m }));
        var second = await grodno.CreateAsync("/api/trade/reports", Report(y + 1, new
        {
            exports = 245m, imports = 100m, turnover = 345m, qualifiers = new { turnover = "about" },
        }));
        var path = $"/api/dashboard/reports?region=BY-HR&partner=CN&from={y}&to={y + 1}&lang=en";
        var report = await ministry.EventuallyAsync(path, r => r.GetProperty("trade").GetArrayLength() == 2);
        var trade = report.GetProperty("trade").EnumerateArray().ToArray();
        Assert.Equal([first.ToString(), second.ToString()], trade.Select(t => t.GetProperty("figure").GetProperty("id").GetString()));
        Assert.Equal(15.0m, trade[1].GetProperty("figure").GetProperty("growthPercent").GetDecimal());
        Assert.True(trade[1].GetProperty("growthComputed").GetBoolean());
        Assert.Equal("about", trade[1].GetProperty("figure").GetProperty("qualifiers").GetProperty("growthPercent").GetString());

        var page = System.Text.Encoding.UTF8.GetString(await DownloadAsync(ministry, path, "text/html"));
        Assert.Contains("turnover about 345 million USD", page);
        Assert.Contains("turnover growth about 15 %", page);
        Assert.Contains(System.Net.WebUtility.HtmlEncode($"около 345 млн долларов США в {y + 1} году"), page);
        var russian = System.Text.Encoding.UTF8.GetString(await DownloadAsync(ministry, path.Replace("lang=en", "lang=ru"), "text/html"));
        Assert.Contains("товарооборот около 345 млн USD", russian);
    }

    /// <summary>The paragraphs of a Word report with the footnote each carries ("" for none).</summary>
    private static List<(string Text, string Note)> Facts(byte[] bytes)
    {
        using var document = WordprocessingDocument.Open(new MemoryStream(bytes), isEditable: false);
        Assert.Empty(new OpenXmlValidator().Validate(document));
        var notes = document.MainDocumentPart!.FootnotesPart!.Footnotes!.Elements<Footnote>().ToDictionary(n => n.Id!.Value, n => n.InnerText);
        return document.MainDocumentPart.Document!.Body!.Elements<Paragraph>()
            .Select(p => (p.InnerText, p.Descendants<FootnoteReference>().Select(r => notes[r.Id!.Value]).SingleOrDefault() ?? "")).ToList();
    }

    [Fact]
    public async Task Occasions_overlapping_the_period_are_reported_with_kind_edition_status_venue_and_source()
    {
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        using var ministry = await system.ClientAsync("ministry");
        // A block of years of this run's own: nothing else the report is asked for lies in it.
        var y = Api.FreshYear();
        const string Occasions = "/api/delegations/occasions";
        object Occasion(string kind, string title, string from, string? to = null, int? edition = null, string partner = "CN-HL", string? venue = null) => new
        {
            kind, title = $"{title} {y}", series = edition is null ? null : title, edition, from, to,
            venue = venue is null ? null : new { code = venue },
            organisers = new object[] { new { code = partner } },
            participants = new object[] { new { code = "BY-VI" } },
            source = new { title = "Regional cooperation of Belarus with China", quote = $"{title}, {from}", locator = "p. 7" },
        };
        var fair = await vitebsk.CreateAsync(Occasions, Occasion("fair", "Harbin International Fair", $"{y}-06-14", $"{y}-06-18", edition: 23, venue: "CN-HL-HARBIN"));
        var forum = await vitebsk.CreateAsync(Occasions, Occasion("forum", "Belarus-China Forum", $"{y + 1}-12", $"{y + 2}-01"));
        var festival = await vitebsk.CreateAsync(Occasions, Occasion("festival", "Festival of Chinese culture", $"{y}-09"));
        var later = await vitebsk.CreateAsync(Occasions, Occasion("exhibition", "Exhibition after the period", $"{y + 2}-02"));
        var russian = await vitebsk.CreateAsync(Occasions, Occasion("city-days", "Days of Kursk", $"{y}-05", partner: "RU-KRS"));
        await SucceedsAsync(vitebsk.PostAsync($"{Occasions}/{fair}/held", new { outcomes = new[] { "A stand of Vitebsk Oblast" } }));
        await SucceedsAsync(vitebsk.PostAsync($"{Occasions}/{festival}/cancellation", new { reason = "No hall" }));

        var path = $"/api/dashboard/reports?region=BY-VI&partner=CN&from={y}&to={y + 1}&lang=en";
        var report = await ministry.EventuallyAsync(path, r => r.GetProperty("occasions").EnumerateArray()
            .Select(o => o.GetProperty("status").GetString()).SequenceEqual(["held", "cancelled", "planned"]));

        var occasions = report.GetProperty("occasions").EnumerateArray().ToArray();
        Assert.Equal([fair.ToString(), festival.ToString(), forum.ToString()], Ids(report, "occasions"));
        Assert.DoesNotContain(later.ToString(), Ids(report, "occasions"));
        Assert.DoesNotContain(russian.ToString(), Ids(report, "occasions"));
        var held = occasions[0];
        Assert.Equal(("fair", 23, "Harbin International Fair", "BY-VI", "CN-HL-HARBIN", $"{y}-06-14", $"{y}-06-18"),
            (held.GetProperty("kind").GetString(), held.GetProperty("edition").GetInt32(), held.GetProperty("series").GetString(), held.GetProperty("region").GetString(),
                held.GetProperty("venue").GetProperty("key").GetString(), held.GetProperty("from").GetString(), held.GetProperty("to").GetString()));
        Assert.Equal($"Harbin International Fair, {y}-06-14", held.GetProperty("source").GetProperty("quote").GetString());
        Assert.Contains(held.GetProperty("partners").EnumerateArray(), p => p.GetProperty("key").GetString() == "CN-HL");

        var facts = Facts(await DownloadAsync(ministry, path, Docx));
        var heading = facts.FindIndex(f => f.Text == "Fairs, forums, festivals and other occasions");
        Assert.True(heading >= 0, "No heading of occasions.");
        Assert.Equal(
            [
                $"14 June {y} – 18 June {y}: Harbin International Fair {y} (fair; edition 23; Vitebsk Oblast — Heilongjiang Province; venue: Harbin): held.",
                $"September {y}: Festival of Chinese culture {y} (festival; Vitebsk Oblast — Heilongjiang Province): cancelled.",
                $"December {y + 1} – January {y + 2}: Belarus-China Forum {y} (forum; Vitebsk Oblast — Heilongjiang Province): planned.",
            ],
            facts.Skip(heading + 1).Take(3).Select(f => f.Text));
        var note = facts[heading + 1].Note;
        Assert.Contains($"“Harbin International Fair, {y}-06-14”", note);
        Assert.Contains("Regional cooperation of Belarus with China", note);
        Assert.Contains($"{Occasions}/{fair}", note);

        var page = System.Text.Encoding.UTF8.GetString(await DownloadAsync(ministry, path.Replace("lang=en", "lang=ru"), "text/html"));
        Assert.Contains("<h2>Ярмарки, форумы, фестивали и другие мероприятия</h2>", page);
        Assert.Contains($"14 июня {y} г. – 18 июня {y} г.: Harbin International Fair {y} (ярмарка; проводится в 23-й раз; Витебская область — провинция Хэйлунцзян; "
            + "место проведения — Харбин): состоялось.", page);
        Assert.Contains(System.Net.WebUtility.HtmlEncode($"«Harbin International Fair, {y}-06-14»"), page);
        Assert.DoesNotContain($"Days of Kursk {y}", page);
    }

    [Fact]
    public async Task Exchanges_overlapping_the_period_are_reported_with_kind_direction_count_institutions_and_source()
    {
        using var mogilev = await system.ClientAsync("committee", "BY-MA");
        using var ministry = await system.ClientAsync("ministry");
        var y = Api.FreshYear();
        var academy = Api.UniqueTitle("Belarusian State Agricultural Academy");
        const string Exchanges = "/api/delegations/exchanges";
        static object Side(string code, string? institution) => new { place = new { code }, institution };
        object Exchange(string kind, string direction, string partner, object period, int? count, string? qualifier = null, string? institution = null) => new
        {
            kind, direction,
            from = direction == "sent" ? Side("BY-MA", academy) : Side(partner, institution),
            to = direction == "sent" ? Side(partner, institution) : Side("BY-MA", academy),
            period, count,
            qualifiers = qualifier is null ? null : new { count = qualifier },
            source = new { title = "Mogilev Oblast: education ties", quote = $"{kind} {direction} {y}", url = "https://example.org/mogilev" },
        };
        var students = await mogilev.CreateAsync(Exchanges, Exchange("students", "received", "CN-HA", new { from = $"{y}-09", to = $"{y + 1}-06" }, 100,
            qualifier: "at-most", institution: "Henan Agricultural University"));
        var teachers = await mogilev.CreateAsync(Exchanges, Exchange("teachers", "sent", "CN-HA", new { from = $"{y + 1}-02", to = $"{y + 1}-03" }, 3));
        var before = await mogilev.CreateAsync(Exchanges, Exchange("specialists", "sent", "CN-HA", new { from = $"{y - 1}", to = $"{y - 1}" }, 5));
        var russian = await mogilev.CreateAsync(Exchanges, Exchange("students", "received", "RU-KRS", new { from = $"{y}" }, 7));

        var path = $"/api/dashboard/reports?region=BY-MA&partner=CN&from={y}&to={y + 1}&lang=en";
        var report = await ministry.EventuallyAsync(path, r => r.GetProperty("exchanges").GetArrayLength() == 2);
        Assert.Equal([students.ToString(), teachers.ToString()], Ids(report, "exchanges"));
        var first = report.GetProperty("exchanges")[0];
        Assert.Equal(("students", "received", 100, "at-most", "Henan Agricultural University", academy, $"{y}-09", $"{y + 1}-06"),
            (first.GetProperty("kind").GetString(), first.GetProperty("direction").GetString(), first.GetProperty("count").GetInt32(),
                first.GetProperty("qualifier").GetString(), first.GetProperty("fromInstitution").GetString(), first.GetProperty("toInstitution").GetString(),
                first.GetProperty("periodFrom").GetString(), first.GetProperty("periodTo").GetString()));
        Assert.Equal($"students received {y}", first.GetProperty("source").GetProperty("quote").GetString());
        Assert.Equal("CN-HA", Assert.Single(first.GetProperty("partners").EnumerateArray()).GetProperty("key").GetString());

        var page = System.Text.Encoding.UTF8.GetString(await DownloadAsync(ministry, path, "text/html"));
        Assert.Contains("<h2>Exchanges of students, teachers and specialists</h2>", page);
        Assert.Contains(System.Net.WebUtility.HtmlEncode($"September {y} – June {y + 1}: students received (up to 100 people) from Henan Agricultural University (Henan Province) "
            + $"to {academy} (Mogilev Oblast)."), page);
        Assert.Contains(System.Net.WebUtility.HtmlEncode($"February {y + 1} – March {y + 1}: teachers sent (3 people) from {academy} (Mogilev Oblast) to Henan Province."), page);
        Assert.Contains(System.Net.WebUtility.HtmlEncode($"Mogilev Oblast: education ties. “students received {y}”. https://example.org/mogilev. Record: {Exchanges}/{students}."), page);
        Assert.DoesNotContain(before.ToString(), page);
        Assert.DoesNotContain(russian.ToString(), page);

        var facts = Facts(await DownloadAsync(ministry, path.Replace("lang=en", "lang=ru"), Docx));
        var fact = facts.Single(f => f.Note.Contains($"{Exchanges}/{students}"));
        Assert.Equal($"сентябрь {y} г. – июнь {y + 1} г.: студенты, принятые (до 100 чел.); направляющая сторона — Henan Agricultural University (провинция Хэнань); "
            + $"принимающая сторона — {academy} (Могилёвская область).", fact.Text);
        Assert.Contains($"«students received {y}»", fact.Note);
    }

    [Fact]
    public async Task Counts_of_visits_within_the_period_are_reported_with_direction_number_and_the_source_of_the_number()
    {
        using var grodno = await system.ClientAsync("committee", "BY-HR");
        using var ministry = await system.ClientAsync("ministry");
        var y = Api.FreshYear();
        const string Counts = "/api/delegations/visit-counts";
        object Count(string direction, string partner, string from, string to, int count, string? qualifier = null) => new
        {
            direction, host = new { code = "BY-HR" }, partner = new { code = partner }, period = new { from, to }, count,
            qualifiers = qualifier is null ? null : new { count = qualifier },
            source = new { title = "Grodno Oblast: foreign ties", quote = $"{count} delegations {direction} {from}", locator = "p. 3" },
        };
        var received = await grodno.CreateAsync(Counts, Count("incoming", "CN", $"{y}", $"{y}", 22, "at-least"));
        await SucceedsAsync(grodno.PostAsync($"{Counts}/{received}/revisions", new
        {
            count = 25, qualifiers = new { count = "about" }, reason = "The year's summary",
            source = new { title = "Grodno Oblast: the year's summary", quote = $"about 25 delegations from China in {y}" },
        }));
        var sent = await grodno.CreateAsync(Counts, Count("outgoing", "CN-HL", $"{y + 1}-03", $"{y + 1}-05", 5));
        var straddling = await grodno.CreateAsync(Counts, Count("incoming", "CN", $"{y - 1}", $"{y}", 40));
        var russian = await grodno.CreateAsync(Counts, Count("incoming", "RU-KRS", $"{y}", $"{y}", 7));

        var path = $"/api/dashboard/reports?region=BY-HR&partner=CN&from={y}&to={y + 1}&lang=en";
        var report = await ministry.EventuallyAsync(path, r => r.GetProperty("visitCounts").GetArrayLength() == 2
            && r.GetProperty("visitCounts")[0].GetProperty("recounted").GetBoolean());
        Assert.Equal([received.ToString(), sent.ToString()], Ids(report, "visitCounts"));
        var first = report.GetProperty("visitCounts")[0];
        Assert.Equal(("incoming", 25, "about", "BY-HR", "CN", $"{y}", $"{y}"),
            (first.GetProperty("direction").GetString(), first.GetProperty("count").GetInt32(), first.GetProperty("qualifier").GetString(),
                first.GetProperty("region").GetString(), Assert.Single(first.GetProperty("partners").EnumerateArray()).GetProperty("key").GetString(),
                first.GetProperty("from").GetString(), first.GetProperty("to").GetString()));
        Assert.Equal($"about 25 delegations from China in {y}", first.GetProperty("source").GetProperty("quote").GetString());

        var facts = Facts(await DownloadAsync(ministry, path, Docx));
        var heading = facts.FindIndex(f => f.Text == "Visits counted over a period");
        Assert.True(heading >= 0, "No heading of visit counts.");
        Assert.Equal(
            [
                $"{y}, Grodno Oblast — China: about 25 delegations received (recounted).",
                $"March {y + 1} – May {y + 1}, Grodno Oblast — Heilongjiang Province: 5 delegations sent.",
            ],
            facts.Skip(heading + 1).Take(2).Select(f => f.Text));
        Assert.Contains($"Grodno Oblast: the year's summary. “about 25 delegations from China in {y}”. Record: {Counts}/{received}.", facts[heading + 1].Note);
        Assert.Contains($"“5 delegations outgoing {y + 1}-03”. p. 3. Record: {Counts}/{sent}.", facts[heading + 2].Note);
        Assert.DoesNotContain(facts, f => f.Note.Contains(straddling.ToString()) || f.Note.Contains(russian.ToString()));

        var page = System.Text.Encoding.UTF8.GetString(await DownloadAsync(ministry, path.Replace("lang=en", "lang=ru"), "text/html"));
        Assert.Contains("<h2>Число визитов за период</h2>", page);
        Assert.Contains($"{y} г., Гродненская область — Китай: принято делегаций — около 25 (уточнено).", page);
        Assert.Contains($"март {y + 1} г. – май {y + 1} г., Гродненская область — провинция Хэйлунцзян: направлено делегаций — 5.", page);
    }

    [Fact]
    public async Task Counts_of_foreign_invested_companies_within_the_period_are_reported_by_place_and_investor_with_their_source()
    {
        using var mogilev = await system.ClientAsync("committee", "BY-MA");
        using var ministry = await system.ClientAsync("ministry");
        var y = Api.FreshYear();
        const string Companies = "/api/trade/foreign-invested-companies";
        object Count(string place, string? investor, string asOf, int total, int? jointVentures = null, int? foreignOwned = null, object? qualifiers = null) => new
        {
            region = place, partner = investor is null ? null : new { code = investor }, asOf, total, jointVentures, foreignOwned, qualifiers,
            source = new { title = "Mogilev Oblast: foreign investment", quote = $"{total} companies in {place} as of {asOf}" },
        };
        var bobruisk = await mogilev.CreateAsync(Companies, Count("BY-MA-BOBRUISK", "CN", $"{y}-07-01", 9, 3, 6));
        var oblast = await mogilev.CreateAsync(Companies, Count("BY-MA", "CN", $"{y + 1}", 40, qualifiers: new { total = "at-least" }));
        await SucceedsAsync(mogilev.PostAsync($"{Companies}/{oblast}/revisions", new
        {
            total = 50, qualifiers = new { total = "at-least" }, reason = "The year's register",
            source = new { title = "Mogilev Oblast: register of investors", quote = $"more than 50 companies with Chinese capital in {y + 1}" },
        }));
        var anyOrigin = await mogilev.CreateAsync(Companies, Count("BY-MA", null, $"{y}-07-01", 120));
        var russian = await mogilev.CreateAsync(Companies, Count("BY-MA", "RU", $"{y}-07-01", 30));
        var later = await mogilev.CreateAsync(Companies, Count("BY-MA", "CN", $"{y + 2}-01", 55));

        var path = $"/api/dashboard/reports?region=BY-MA&partner=CN&from={y}&to={y + 1}&lang=en";
        var report = await ministry.EventuallyAsync(path, r => r.GetProperty("companyCounts").GetArrayLength() == 2
            && r.GetProperty("companyCounts")[1].GetProperty("recounted").GetBoolean());
        Assert.Equal([bobruisk.ToString(), oblast.ToString()], Ids(report, "companyCounts"));
        var first = report.GetProperty("companyCounts")[0];
        Assert.Equal(("BY-MA", "BY-MA-BOBRUISK", "CN", $"{y}-07-01", 9, 3, 6),
            (first.GetProperty("region").GetString(), first.GetProperty("place").GetProperty("key").GetString(), first.GetProperty("investor").GetProperty("key").GetString(),
                first.GetProperty("asOf").GetString(), first.GetProperty("total").GetInt32(), first.GetProperty("jointVentures").GetInt32(),
                first.GetProperty("foreignOwned").GetInt32()));
        Assert.Equal($"9 companies in BY-MA-BOBRUISK as of {y}-07-01", first.GetProperty("source").GetProperty("quote").GetString());
        Assert.Equal("at-least", report.GetProperty("companyCounts")[1].GetProperty("qualifiers").GetProperty("total").GetString());

        // Without a partner, the count of investors of any origin and of other countries' are there too; the later one is not.
        var all = await ministry.EventuallyAsync($"/api/dashboard/reports?region=BY-MA&from={y}&to={y + 1}&lang=en",
            r => Ids(r, "companyCounts").Contains(anyOrigin.ToString()) && Ids(r, "companyCounts").Contains(russian.ToString()));
        Assert.DoesNotContain(later.ToString(), Ids(all, "companyCounts"));

        var page = System.Text.Encoding.UTF8.GetString(await DownloadAsync(ministry, path, "text/html"));
        Assert.Contains("<h2>Companies with foreign investment</h2>", page);
        Assert.Contains($"1 July {y}, Bobruisk (Mogilev Oblast), investors from China: 9 companies with foreign investment, 3 joint ventures, 6 foreign-owned.", page);
        Assert.Contains($"{y + 1}, Mogilev Oblast, investors from China: at least 50 companies with foreign investment (recounted).", page);
        Assert.Contains(System.Net.WebUtility.HtmlEncode($"Mogilev Oblast: register of investors. “more than 50 companies with Chinese capital in {y + 1}”. Record: {Companies}/{oblast}."), page);
        Assert.DoesNotContain("investors of any origin", page);

        var facts = Facts(await DownloadAsync(ministry, path.Replace("lang=en", "lang=ru"), Docx));
        var fact = facts.Single(f => f.Note.Contains($"{Companies}/{bobruisk}"));
        Assert.Equal($"1 июля {y} г., Бобруйск (Могилёвская область), инвесторы — Китай: предприятий с иностранными инвестициями — 9, совместных — 3, иностранных — 6.",
            fact.Text);
        Assert.Contains($"«9 companies in BY-MA-BOBRUISK as of {y}-07-01»", fact.Note);
    }

    /// <summary>
    /// The report over the demo data itself (loaded as deploy/run.sh loads it; loading again changes nothing): every agreement and
    /// visit of the Vitebsk Oblast–China slice that deploy/demo holds for 2004-2019 is in the Word document, its seed's words in its footnote.
    /// </summary>
    [Fact]
    public async Task The_demo_datas_Vitebsk_China_report_holds_every_agreement_and_visit_of_the_slice_with_its_seed_quote()
    {
        await DashboardPageTests.LoadDemoDataAsync(system);
        await DashboardPageTests.WaitUntilAllDemoDataIsConsumedAsync(system);
        using var ministry = await system.ClientAsync("ministry");
        var bytes = await DownloadAsync(ministry, Slice + "&lang=en", Docx);
        using var document = WordprocessingDocument.Open(new MemoryStream(bytes), isEditable: false);
        var notes = document.MainDocumentPart!.FootnotesPart!.Footnotes!.Elements<Footnote>().ToDictionary(n => n.Id!.Value, n => n.InnerText);
        var facts = document.MainDocumentPart.Document!.Body!.Elements<Paragraph>()
            .Select(p => (Text: p.InnerText, Note: p.Descendants<FootnoteReference>().Select(r => notes[r.Id!.Value]).SingleOrDefault() ?? "")).ToList();

        static bool OfChina(JsonElement parties) => parties.EnumerateArray().Any(p => p.TryGetProperty("country", out var c) && c.GetString() == "CN");
        static bool Within(string? first, string? last) => first is not null && string.CompareOrdinal(first, "2020") < 0 && string.CompareOrdinal(last ?? first, "2004") >= 0;
        using var agreements = JsonDocument.Parse(File.ReadAllText(Path.Combine(CooperationSystem.Root, "deploy", "demo", "agreements.json")));
        var expected = agreements.RootElement.GetProperty("agreements").EnumerateArray()
            .Where(a => a.GetProperty("committee").TryGetProperty("region", out var r) && r.GetString() == "BY-VI" && OfChina(a.GetProperty("body").GetProperty("parties"))
                        && a.GetProperty("body").GetProperty("signedOn").GetString() is { } on && Within(on, on))
            .Select(a => (What: a.GetProperty("body").GetProperty("title").GetString()!, Quote: a.GetProperty("quote").GetString()!)).ToList();
        using var visits = JsonDocument.Parse(File.ReadAllText(Path.Combine(CooperationSystem.Root, "deploy", "demo", "visits.json")));
        foreach (var v in visits.RootElement.GetProperty("visits").EnumerateArray())
        {
            if (v.TryGetProperty("skip", out _) || Text(v.GetProperty("body").GetProperty("host"), "code") != "BY-VI"
                || !OfChina(v.GetProperty("body").GetProperty("guests"))) continue;
            var outcome = v.TryGetProperty("outcome", out var o) && o.ValueKind == JsonValueKind.Object ? o : default;
            if (outcome.ValueKind == JsonValueKind.Object && outcome.TryGetProperty("cancelled", out var c) && c.ValueKind != JsonValueKind.Null) continue;
            var held = outcome.ValueKind == JsonValueKind.Object && outcome.TryGetProperty("completed", out var d) && d.ValueKind == JsonValueKind.Object ? d : default;
            var body = v.GetProperty("body");
            var (first, last) = held.ValueKind == JsonValueKind.Object
                ? (Text(held, "from"), Text(held, "to"))
                : (Text(body, "plannedFrom"), Text(body, "plannedTo"));
            if (!Within(first, last)) continue;
            // A visit the seed gives neither purpose nor occasion for is found by its quote alone.
            expected.Add((Text(body, "purpose") ?? Text(body, "occasion") ?? "", v.GetProperty("quote").GetString()!));
        }

        Assert.True(expected.Count >= 20, $"The demo data holds {expected.Count} agreements and visits of the slice.");
        foreach (var (what, quote) in expected)
            Assert.True(facts.Any(f => f.Text.Contains(what) && f.Note.Contains(quote)), $"No fact '{what}' with the footnote quoting '{quote}'.");
    }

    [Theory]
    [InlineData("from=2004-13", "from")]
    [InlineData("from=2019&to=2004", "to")]
    [InlineData("lang=de", "lang")]
    [InlineData("partner=Atlantis", "partner")]
    [InlineData("region=Nowhere%20Oblast", "region")]
    [InlineData("asOf=2999-01-01T00:00:00Z", "asOf")]
    [InlineData("asOf=yesterday", "asOf")]
    [InlineData("year=2004", "year")]
    public async Task Bad_parameters_are_422_naming_the_field_in_every_form(string query, string field)
    {
        using var ministry = await system.ClientAsync("ministry");
        foreach (var accept in new[] { "application/json", Docx, "text/html" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/dashboard/reports?{query}");
            request.Headers.Accept.ParseAdd(accept);
            using var response = await ministry.SendAsync(request);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains(field, (await response.JsonAsync()).ErrorFields());
        }
    }

    [Fact]
    public async Task Only_the_ministry_and_auditors_read_reports()
    {
        using var committee = await system.ClientAsync("committee", "BY-VI");
        using var forbidden = await committee.GetAsync(Slice);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        using var auditor = await system.ClientAsync("auditor");
        Assert.Equal("en", (await auditor.GetJsonAsync(Slice)).GetProperty("filters").GetProperty("lang").GetString());
    }
}
