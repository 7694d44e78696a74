using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using CsvHelper;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using static Cooperation.Api.Tests.DashboardTests;

namespace Cooperation.Api.Tests;

/// <summary>
/// Every list as a download: CSV and XLSX with the list's filters, every row rather than a page, headed in the reader's
/// language. Each test counts only records of its own (a unique word, a partner or a year no other test uses). In the
/// dashboard's collection, since it reads the dashboard, which other tests there restart.
/// </summary>
[Collection(nameof(DashboardTests))]
public class ExportsTests(CooperationSystem system)
{
    private const string Csv = "text/csv";
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>A download of a list: its headings and rows as text, whichever format it came in, after checking the answer's headers.</summary>
    private static async Task<(string[] Headings, string[][] Rows)> DownloadAsync(HttpClient client, string path, string format, string? language = null,
        string fileName = "")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd(format);
        if (language is not null) request.Headers.AcceptLanguage.ParseAdd(language);
        using var response = await client.SendAsync(request);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} as {format} answered {(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(bytes)}");
        Assert.Equal(format, response.Content.Headers.ContentType?.MediaType);
        var disposition = response.Content.Headers.ContentDisposition;
        Assert.Equal("attachment", disposition?.DispositionType);
        Assert.StartsWith(fileName, disposition?.FileName?.Trim('"') ?? disposition?.FileNameStar);
        Assert.EndsWith(format == Csv ? ".csv" : ".xlsx", disposition?.FileName?.Trim('"') ?? disposition?.FileNameStar);
        var table = format == Csv ? ReadCsv(bytes) : ReadXlsx(bytes);
        return (table[0], table[1..]);
    }

    private static string[][] ReadCsv(byte[] bytes)
    {
        // UTF-8 with a byte order mark, so that spreadsheet programs read the Cyrillic right.
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        using var reader = new StringReader(System.Text.Encoding.UTF8.GetString(bytes[3..]));
        using var csv = new CsvParser(reader, CultureInfo.InvariantCulture);
        var rows = new List<string[]>();
        while (csv.Read()) rows.Add(csv.Record!);
        return rows.ToArray();
    }

    /// <summary>The first sheet read back with the Open XML SDK, inline strings and numbers as text.</summary>
    private static string[][] ReadXlsx(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        using var document = SpreadsheetDocument.Open(stream, isEditable: false);
        var workbook = document.WorkbookPart!;
        var sheet = workbook.Workbook.Sheets!.Elements<Sheet>().First();
        var part = (WorksheetPart)workbook.GetPartById(sheet.Id!);
        return part.Worksheet.GetFirstChild<SheetData>()!.Elements<Row>()
            .Select(r => r.Elements<Cell>().Select(c => c.InlineString?.InnerText ?? c.CellValue?.Text ?? "").ToArray())
            .ToArray();
    }

    private static string[] Column(string[] headings, string[][] rows, string heading)
    {
        var index = Array.IndexOf(headings, heading);
        Assert.True(index >= 0, $"no column '{heading}' among {string.Join(", ", headings)}");
        return rows.Select(r => r[index]).ToArray();
    }

    private static async Task<string[]> IdsOfAllPagesAsync(HttpClient client, string path)
    {
        var ids = new List<string>();
        for (var page = 1; ; page++)
        {
            var list = await client.GetJsonAsync($"{path}&page={page}&pageSize=200");
            ids.AddRange(list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid().ToString()));
            if (ids.Count >= list.GetProperty("total").GetInt64()) return ids.ToArray();
        }
    }

    [Fact]
    public async Task Agreements_download_as_csv_and_xlsx_with_the_filters_applied_every_row_not_one_page()
    {
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        var word = $"export{Guid.NewGuid():N}";
        var twinning = await RegisterAsync(vitebsk, Agreement(UniquePartner(), "twinning", "2014-05-20", title: $"Twinning {word}"));
        var undated = await RegisterAsync(vitebsk, Api.Merge(Agreement(UniquePartner(), "twinning", signedOn: null, title: $"Undated twinning {word}"),
            new { status = "signed" }));
        var memorandum = await RegisterAsync(vitebsk, Agreement(UniquePartner(), "memorandum", "2015", title: $"Memorandum {word}"));

        // pageSize=1 asks for one row a page: a download has them all.
        var path = $"/api/agreements?q={word}&kind=twinning&pageSize=1";
        var (headings, rows) = await DownloadAsync(vitebsk, path, Csv, fileName: "agreements");
        Assert.Equal(new[] { twinning, undated }.Select(i => i.ToString()).Order(), Column(headings, rows, "Id").Order());
        Assert.Equal(["Id", "Title", "Kind", "Status"], headings[..4]);
        Assert.Equal(["2014-05-20", "signed, date not recorded"], Column(headings, rows, "Signed on").Order());
        Assert.Equal(["Vitebsk Oblast"], Column(headings, rows, "Parties").Select(p => p.Split("; ")[0]).Distinct());

        var (xlsxHeadings, xlsxRows) = await DownloadAsync(vitebsk, path, Xlsx, fileName: "agreements");
        Assert.Equal(headings, xlsxHeadings);
        Assert.Equal(rows.Select(r => string.Join("|", r)).Order(), xlsxRows.Select(r => string.Join("|", r.Take(headings.Length))).Order());
        Assert.DoesNotContain(memorandum.ToString(), Column(xlsxHeadings, xlsxRows, "Id"));

        var (russian, russianRows) = await DownloadAsync(vitebsk, path, Xlsx, language: "ru-RU,ru;q=0.9,en;q=0.5");
        Assert.Equal(["Идентификатор", "Название", "Вид", "Статус"], russian[..4]);
        Assert.Contains("подписано, дата не указана", Column(russian, russianRows, "Дата подписания"));
        Assert.Equal(["Витебская область"], Column(russian, russianRows, "Стороны").Select(p => p.Split("; ")[0]).Distinct());
        var (english, _) = await DownloadAsync(vitebsk, path, Csv, language: "en-GB");
        Assert.Equal(headings, english);
    }

    [Fact]
    public async Task Visits_trade_reports_turnover_and_projects_download_with_their_filters()
    {
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        using var grodno = await system.ClientAsync("committee", "BY-HR");
        var y = Api.FreshYear();
        var incoming = await vitebsk.CreateAsync("/api/delegations/visits", Api.Visit(Api.UniqueTitle("Export visit"), plannedFrom: $"{y}-03"));
        var other = await vitebsk.CreateAsync("/api/delegations/visits", Api.Merge(Api.Visit(Api.UniqueTitle("Export visit"), plannedFrom: $"{y}-04"),
            new { direction = "outgoing" }));
        var visits = $"/api/delegations/visits?region=BY-VI&from={y}&to={y}&direction=incoming";
        var (visitHeadings, visitRows) = await DownloadAsync(vitebsk, visits, Xlsx, fileName: "visits");
        Assert.Equal([incoming.ToString()], Column(visitHeadings, visitRows, "Id"));
        Assert.Equal([$"{y}-03"], Column(visitHeadings, visitRows, "Planned from"));
        Assert.Equal(await IdsOfAllPagesAsync(vitebsk, visits), Column(visitHeadings, visitRows, "Id"));
        var (allVisits, allVisitRows) = await DownloadAsync(vitebsk, $"/api/delegations/visits?region=BY-VI&from={y}&to={y}", Csv);
        Assert.Equal(new[] { incoming, other }.Select(i => i.ToString()).Order(), Column(allVisits, allVisitRows, "Id").Order());

        var report = new
        {
            reporter = new { code = "BY-HR" }, partner = new { code = "CN" }, flow = "goods", currency = "USD", unit = "million",
            exports = 21.1m, imports = 6.2m,
        };
        var earlier = await grodno.CreateAsync("/api/trade/reports", Api.Merge(report, new { period = new { from = $"{y}", to = $"{y}" } }));
        var later = await grodno.CreateAsync("/api/trade/reports", Api.Merge(report,
            new { period = new { from = $"{y + 1}", to = $"{y + 1}" }, exports = 30m, imports = 10m, turnover = 40m }));
        var (reportHeadings, reportRows) = await DownloadAsync(grodno, $"/api/trade/reports?reporter=BY-HR&partner=CN&from={y}&to={y + 1}", Csv, fileName: "trade-reports");
        Assert.Equal([later.ToString(), earlier.ToString()], Column(reportHeadings, reportRows, "Id"));
        Assert.Equal(["30", "21.1"], Column(reportHeadings, reportRows, "Exports"));
        var (onlyLater, onlyLaterRows) = await DownloadAsync(grodno, $"/api/trade/reports?reporter=BY-HR&partner=CN&from={y + 1}&to={y + 1}", Xlsx);
        Assert.Equal([later.ToString()], Column(onlyLater, onlyLaterRows, "Id"));

        var (turnover, turnoverRows) = await DownloadAsync(grodno, $"/api/trade/turnover?reporter=BY-HR&partner=CN&from={y}&to={y + 1}", Xlsx,
            language: "ru", fileName: "turnover");
        Assert.Equal([earlier.ToString(), later.ToString()], Column(turnover, turnoverRows, "Отчёт"));
        Assert.Equal(["27.3", "40"], Column(turnover, turnoverRows, "Товарооборот"));
        Assert.Equal(["", "46.5"], Column(turnover, turnoverRows, "Рост, %"));

        var word = $"export{Guid.NewGuid():N}";
        var project = await grodno.CreateAsync("/api/trade/projects", new
        {
            name = $"Bearing plant {word}", region = "BY-HR", partners = new object[] { new { code = "CN" } }, cost = 12.5m, currency = "USD",
            status = "proposed",
        });
        await grodno.CreateAsync("/api/trade/projects", new
        {
            name = $"Hotel {word}", region = "BY-HR", partners = new object[] { new { code = "CN" } }, status = "operating",
        });
        var (projectHeadings, projectRows) = await DownloadAsync(grodno, $"/api/trade/projects?q={word}&status=proposed", Csv, fileName: "investment-projects");
        Assert.Equal([project.ToString()], Column(projectHeadings, projectRows, "Id"));
        Assert.Equal(["12.5"], Column(projectHeadings, projectRows, "Cost"));
        Assert.Equal(["China"], Column(projectHeadings, projectRows, "Partners"));
    }

    [Fact]
    public async Task The_dashboards_plans_and_dormant_ties_download_with_their_filters()
    {
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        using var ministry = await system.ClientAsync("ministry");
        var partner = UniquePartner();
        var plan = await RegisterAsync(vitebsk, Agreement(partner, "plan-of-events", "2016-02"));
        var twinning = await RegisterAsync(vitebsk, Agreement(partner, "twinning", "2013"));
        var plans = $"/api/dashboard/plans?partner={Uri.EscapeDataString(partner)}";
        var dormant = $"/api/dashboard/dormant?since=2018-01-01&partner={Uri.EscapeDataString(partner)}&pageSize=1";
        await ministry.EventuallyAsync(dormant, d => d.GetProperty("total").GetInt32() == 2);

        var (planHeadings, planRows) = await DownloadAsync(ministry, plans, Csv, fileName: "plans");
        Assert.Equal([plan.ToString()], Column(planHeadings, planRows, "Id"));
        Assert.Equal(["Vitebsk Oblast"], Column(planHeadings, planRows, "Region"));
        Assert.Equal([partner], Column(planHeadings, planRows, "Partners"));

        var (dormantHeadings, dormantRows) = await DownloadAsync(ministry, dormant, Xlsx, language: "ru", fileName: "dormant-ties");
        Assert.Equal([twinning.ToString(), plan.ToString()], Column(dormantHeadings, dormantRows, "Идентификатор"));
        Assert.Equal(["Витебская область", "Витебская область"], Column(dormantHeadings, dormantRows, "Регион"));
        Assert.Equal(["2013", "2016-02"], Column(dormantHeadings, dormantRows, "Последняя активность"));
    }

    [Theory]
    [InlineData("/api/agreements?kind=twinning&pageSize=1")]
    [InlineData("/api/dashboard/plans?partner=CN")]
    public async Task Other_media_types_are_answered_as_before_and_bad_filters_are_422_as_json(string path)
    {
        using var ministry = await system.ClientAsync("ministry");
        foreach (var accept in new[] { "application/xml", "application/json", "*/*", $"application/json, {Csv};q=0.5" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Accept.ParseAdd(accept);
            using var response = await ministry.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            Assert.Null(response.Content.Headers.ContentDisposition);
        }

        using var bad = new HttpRequestMessage(HttpMethod.Get, path + "&region=Atlantis");
        bad.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(Csv));
        using var refused = await ministry.SendAsync(bad);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains("region", JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.ErrorFields());
    }
}
