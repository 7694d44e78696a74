using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using MiniExcelLibs;

namespace Cooperation.Api.Tests;

/// <summary>
/// The committees' spreadsheets through the gateway (/api/sheets, served by the Dashboard service): a kind's template, an
/// upload checked and submitted row by row with the clerk's own token, a sheet uploaded again or imported again by the
/// command line storing nothing twice, and bad uploads answered as problems naming the field.
/// </summary>
public class SheetsTests(CooperationSystem system)
{
    private const string Header = "kind,title,parties,spheres,status,signedOn,validUntil,place,parent,source,quote,note";

    private static MultipartFormDataContent Upload(string fileName, byte[] content, string mediaType = "text/csv")
    {
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return new MultipartFormDataContent { { file, "file", fileName } };
    }

    private static MultipartFormDataContent Csv(params string[] lines) => Upload("agreements.csv", Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n"));

    private static async Task<JsonElement> ImportAsync(HttpClient clerk, HttpContent sheet, bool dryRun)
    {
        using var response = await clerk.PostAsync($"/api/sheets/agreements/import?dryRun={(dryRun ? "true" : "false")}", sheet);
        var body = await response.JsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToString());
        return body;
    }

    private static (int Rows, int Created, int AlreadyThere, int Refused) Counts(JsonElement result) => (result.GetProperty("rows").GetInt32(),
        result.GetProperty("created").GetInt32(), result.GetProperty("alreadyThere").GetInt32(), result.GetProperty("refused").GetInt32());

    [Fact]
    public async Task A_template_downloads_as_xlsx_explaining_its_columns_or_as_a_csv_header()
    {
        using var clerk = await system.ClientAsync("committee", "BY-VI");

        using var xlsx = await clerk.GetAsync("/api/sheets/visits/template");
        using var csvRequest = new HttpRequestMessage(HttpMethod.Get, "/api/sheets/exchanges/template") { Headers = { { "Accept", "text/csv" } } };
        using var csv = await clerk.SendAsync(csvRequest);

        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType?.MediaType);
        Assert.Equal("visits.xlsx", xlsx.Content.Headers.ContentDisposition?.FileNameStar ?? xlsx.Content.Headers.ContentDisposition?.FileName);
        using var file = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync());
        Assert.Equal(["visits", "columns"], file.GetSheetNames());
        var columns = file.Query(useHeaderRow: true, sheetName: "columns").Cast<IDictionary<string, object?>>().ToList();
        Assert.Contains(columns, c => (string?)c["column"] == "plannedFrom");
        var direction = columns.Single(c => (string?)c["column"] == "direction");
        Assert.Contains("incoming", (string?)direction["значение"]);
        Assert.Contains("outgoing", (string?)direction["значение"]);
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.StartsWith("kind,direction,from,fromInstitution,to,toInstitution", await csv.Content.ReadAsStringAsync());

        // Every kind's template explains each of its columns in English and in Russian; the kinds are all a wrong kind's problem lists.
        string[] kinds = ["agreements", "visits", "visit-counts", "occasions", "exchanges", "commissions", "trade-reports", "projects"];
        using var noKind = await clerk.GetAsync("/api/sheets/treaties/template");
        Assert.EndsWith($"one of {string.Join(", ", kinds)}.", (await noKind.JsonAsync()).GetProperty("errors").GetProperty("kind")[0].GetString());
        foreach (var kind in kinds)
        {
            using var template = await clerk.GetAsync($"/api/sheets/{kind}/template");
            Assert.Equal(HttpStatusCode.OK, template.StatusCode);
            using var sheet = new MemoryStream(await template.Content.ReadAsByteArrayAsync());
            var header = sheet.Query(sheetName: kind).Cast<IDictionary<string, object?>>().First().Values.Select(v => (string?)v).ToList();
            var explained = sheet.Query(useHeaderRow: true, sheetName: "columns").Cast<IDictionary<string, object?>>().ToList();
            Assert.Equal(["column", "meaning", "значение", "example"], explained[0].Keys);
            Assert.Equal(header, explained.Select(c => (string?)c["column"]));
            foreach (var column in explained)
            {
                Assert.False(string.IsNullOrWhiteSpace((string?)column["meaning"]), $"{kind}.{column["column"]}");
                Assert.True(column["значение"] is string russian && Regex.IsMatch(russian, @"\p{IsCyrillic}"), $"{kind}.{column["column"]}: '{column["значение"]}'");
            }
        }
    }

    [Fact]
    public async Task A_sheet_with_a_bad_row_is_checked_then_fixed_submitted_and_uploaded_again_stores_each_row_once_naming_the_clerk()
    {
        var sub = $"sheets-clerk-{Guid.NewGuid():N}"[..24];
        using var clerk = await system.ClientAsync("committee", "BY-VI", sub);
        var prefix = Api.UniqueTitle("Sheet upload");
        string[] Sheet(string secondParties) =>
        [
            Header,
            $"cooperation,{prefix} cooperation,BY-VI; CN-SD,,,2004,,,,Vitebsk Oblast Executive Committee: interregional cooperation,,",
            $"plan-of-events,{prefix} plan,{secondParties},trade-economic,signed,,,,{prefix} cooperation,,,",
            $"twinning,{prefix} twinning,BY-VI; Хэйлунцзян,culture,,2014-05-20,2019,Harbin,,Seed,побратимские связи,",
        ];

        // The plan's parties name one side only: the dry run refuses its row (3), takes the others and stores nothing.
        var checkedSheet = await ImportAsync(clerk, Csv(Sheet("BY-VI")), dryRun: true);
        Assert.Equal((3, 2, 0, 1), Counts(checkedSheet));
        Assert.True(checkedSheet.GetProperty("dryRun").GetBoolean());
        var refusal = Assert.Single(checkedSheet.GetProperty("refusals").EnumerateArray());
        Assert.Equal((3, "parties"), (refusal.GetProperty("row").GetInt32(), refusal.GetProperty("field").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(refusal.GetProperty("message").GetString()));
        Assert.Empty(await clerk.AgreementsTitledAsync(prefix));

        // Fixed and submitted: every row stored, the plan under its parent, the history naming the clerk.
        var submitted = await ImportAsync(clerk, Csv(Sheet("BY-VI; CN-SD")), dryRun: false);
        Assert.Equal((3, 3, 0, 0), Counts(submitted));
        var stored = await clerk.AgreementsTitledAsync(prefix);
        Assert.Equal(3, stored.Length);
        var parent = stored.Single(a => a.GetProperty("title").GetString() == $"{prefix} cooperation");
        var plan = stored.Single(a => a.GetProperty("title").GetString() == $"{prefix} plan");
        Assert.Equal(parent.GetProperty("id").GetGuid(), plan.GetProperty("parentAgreementId").GetGuid());
        var history = await clerk.GetJsonAsync($"/api/agreements/{plan.GetProperty("id").GetGuid()}/history");
        Assert.Equal(sub, history[0].GetProperty("actor").GetProperty("sub").GetString());

        // Uploaded again, and imported again by the command line as the same clerk: every row already there, nothing stored twice.
        var again = await ImportAsync(clerk, Csv(Sheet("BY-VI; CN-SD")), dryRun: false);
        Assert.Equal((3, 0, 3, 0), Counts(again));
        var file = Path.Combine(Path.GetTempPath(), $"sheet-{Guid.NewGuid():N}.csv");
        await File.WriteAllLinesAsync(file, Sheet("BY-VI; CN-SD"));
        var (exit, output) = await system.CoopAsync(await system.TokenAsync("committee", "BY-VI", sub), "import", "agreements", file);
        File.Delete(file);
        Assert.True(exit == 0, output);
        Assert.Matches(@"\b3\s*\W\s*0\s*\W\s*3\s*\W\s*0\b", output);  // rows, created, already there, refused
        Assert.Equal(stored.Select(a => a.GetProperty("id").GetGuid()).Order(), (await clerk.AgreementsTitledAsync(prefix)).Select(a => a.GetProperty("id").GetGuid()).Order());
    }

    [Fact]
    public async Task An_xlsx_sheet_is_read_and_a_row_outside_the_clerks_territory_is_refused_by_the_service()
    {
        using var clerk = await system.ClientAsync("committee", "BY-VI");
        var prefix = Api.UniqueTitle("Sheet xlsx");
        using var sheet = new MemoryStream();
        sheet.SaveAs(new[]
        {
            new Dictionary<string, object> { ["kind"] = "cooperation", ["title"] = $"{prefix} ours", ["parties"] = "BY-VI; CN-SD", ["signedOn"] = "2004" },
            new Dictionary<string, object> { ["kind"] = "cooperation", ["title"] = $"{prefix} Grodno's", ["parties"] = "BY-HR; CN-SD", ["signedOn"] = "2004" },
        });

        var result = await ImportAsync(clerk, Upload("mixed.xlsx", sheet.ToArray(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"), dryRun: false);

        Assert.Equal((2, 1, 0, 1), Counts(result));
        var refusal = Assert.Single(result.GetProperty("refusals").EnumerateArray());
        Assert.Equal(3, refusal.GetProperty("row").GetInt32());
        Assert.StartsWith("403", refusal.GetProperty("message").GetString());
        Assert.Equal([$"{prefix} ours"], (await clerk.AgreementsTitledAsync(prefix)).Select(a => a.GetProperty("title").GetString()));
    }

    [Fact]
    public async Task Bad_uploads_are_problems_naming_the_field_and_store_nothing()
    {
        using var clerk = await system.ClientAsync("committee", "BY-VI");
        using var auditor = await system.ClientAsync("auditor");
        var prefix = Api.UniqueTitle("Sheet refused");
        var good = $"cooperation,{prefix},BY-VI; CN-SD,,,2004,,,,,,";

        async Task Refused(HttpClient client, string path, HttpContent? content, HttpStatusCode status, string field)
        {
            using var response = await client.PostAsync(path, content);
            var body = await response.JsonAsync();
            Assert.True(response.StatusCode == status, $"{path}: {(int)response.StatusCode} {body}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.True(body.GetProperty("errors").TryGetProperty(field, out _), body.ToString());
        }

        await Refused(clerk, "/api/sheets/agreements/import", new MultipartFormDataContent { { new StringContent("x"), "note" } }, HttpStatusCode.UnprocessableEntity, "file");
        await Refused(clerk, "/api/sheets/agreements/import", new StringContent("[]", Encoding.UTF8, "application/json"), HttpStatusCode.UnsupportedMediaType, "Content-Type");
        await Refused(clerk, "/api/sheets/treaties/import", Csv(Header, good), HttpStatusCode.NotFound, "kind");
        await Refused(clerk, "/api/sheets/agreements/import", Upload("agreements.txt", Encoding.UTF8.GetBytes(Header + "\n" + good)), HttpStatusCode.UnsupportedMediaType, "file");
        await Refused(clerk, "/api/sheets/agreements/import", Upload("big.csv", new byte[3 * 1024 * 1024]), HttpStatusCode.RequestEntityTooLarge, "file");
        await Refused(clerk, "/api/sheets/agreements/import", Upload("broken.xlsx", Encoding.UTF8.GetBytes("not a zip at all")), HttpStatusCode.UnprocessableEntity, "file");
        await Refused(clerk, "/api/sheets/agreements/import", Csv(Header), HttpStatusCode.UnprocessableEntity, "file");
        await Refused(clerk, "/api/sheets/agreements/import", Csv("name,when", "x,y"), HttpStatusCode.UnprocessableEntity, "file");
        await Refused(clerk, "/api/sheets/agreements/import", Csv(Enumerable.Repeat(good, 1001).Prepend(Header).ToArray()), HttpStatusCode.UnprocessableEntity, "file");
        await Refused(clerk, "/api/sheets/agreements/import?dryRun=maybe", Csv(Header, good), HttpStatusCode.BadRequest, "dryRun");
        using var template = await clerk.GetAsync("/api/sheets/treaties/template");
        Assert.Equal(HttpStatusCode.NotFound, template.StatusCode);
        using var forbidden = await auditor.PostAsync("/api/sheets/agreements/import", Csv(Header, good));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);

        Assert.Empty(await clerk.AgreementsTitledAsync(prefix));
    }
}
