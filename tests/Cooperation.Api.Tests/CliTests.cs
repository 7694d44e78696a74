using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MiniExcelLibs;

namespace Cooperation.Api.Tests;

/// <summary>The command line a clerk and an auditor use, run as a process against the suite's gateway.</summary>
public class CliTests(CooperationSystem system) : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("coop-cli-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task A_sheet_imports_its_good_rows_names_the_refused_one_resolves_a_parent_by_title_and_run_again_creates_nothing()
    {
        var token = (await system.CoopAsync(null, "token", "--role", "committee", "--region", "BY-VI", "--sub", "cli-clerk")).Output.Trim();
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        var prefix = $"Imported {Guid.NewGuid():N}";
        var file = Path.Combine(folder, "agreements.csv");
        Assert.Equal(0, (await system.CoopAsync(null, "template", "agreements", file)).ExitCode);
        // The plan, signed on a date not known, names its parent by the title of a row below it; the fourth row's kind is not one the API knows.
        await File.AppendAllLinesAsync(file,
        [
            $"twinning,{prefix} twinning,BY-VI; Хэйлунцзян,culture; education,,2014-05-20,2019,Harbin,,Vitebsk Oblast Executive Committee: interregional cooperation,побратимские связи,Signed in Harbin",
            $"plan-of-events,{prefix} plan,BY-VI; CN-SD,trade-economic,signed,,,,{prefix} cooperation,,,",
            $"cooperation,{prefix} cooperation,BY-VI; CN-SD,,,2004,,,,https://vitebsk-region.gov.by/,,",
            $"nonsense,{prefix} refused,BY-VI; CN-SD,,,,,,,,,",
        ]);

        var first = await system.CoopAsync(token, "import", "agreements", file);
        var stored = await vitebsk.AgreementsTitledAsync(prefix);
        var again = await system.CoopAsync(token, "import", "agreements", file);
        var storedAgain = await vitebsk.AgreementsTitledAsync(prefix);

        Assert.Equal(1, first.ExitCode);
        Assert.Contains("kind", first.Output);
        Assert.Matches(@"\b5\b.*\bkind\b", first.Output);
        Assert.Equal(3, stored.Length);
        var parent = stored.Single(a => a.GetProperty("title").GetString() == $"{prefix} cooperation");
        var plan = stored.Single(a => a.GetProperty("title").GetString() == $"{prefix} plan");
        Assert.Equal(parent.GetProperty("id").GetGuid(), plan.GetProperty("parentAgreementId").GetGuid());
        Assert.Equal("signed", plan.GetProperty("status").GetString());
        Assert.True(plan.GetProperty("signedDateUnknown").GetBoolean());
        var twinning = stored.Single(a => a.GetProperty("kind").GetString() == "twinning");
        Assert.Contains("CN-HL", twinning.GetProperty("parties").EnumerateArray().Select(p => p.GetProperty("code").GetString()));
        Assert.Equal("https://vitebsk-region.gov.by/", parent.GetProperty("source").GetProperty("url").GetString());
        Assert.Equal("побратимские связи", twinning.GetProperty("source").GetProperty("quote").GetString());
        Assert.Equal("Signed in Harbin", twinning.GetProperty("note").GetString());

        Assert.Equal(1, again.ExitCode);
        Assert.Equal(stored.Select(a => a.GetProperty("id").GetGuid()).Order(), storedAgain.Select(a => a.GetProperty("id").GetGuid()).Order());
        Assert.Matches(@"\b4\s*\W\s*0\s*\W\s*3\s*\W\s*1\b", again.Output);  // rows, created, already there, refused
    }

    [Fact]
    public async Task A_dry_run_checks_every_row_names_the_refused_one_and_stores_nothing()
    {
        var token = await system.TokenAsync("committee", "BY-VI", "cli-clerk");
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        var prefix = $"Dry run {Guid.NewGuid():N}";
        var file = Path.Combine(folder, "dry.csv");
        await File.WriteAllLinesAsync(file,
        [
            "kind,title,parties,spheres,signedOn,validUntil,place,parent,source",
            $"cooperation,{prefix} cooperation,BY-VI; CN-SD,,2004,,,,",
            $"plan-of-events,{prefix} plan,BY-VI; CN-SD,,,,,{prefix} cooperation,",
            $"twinning,{prefix} refused,BY-VI,,,,,,",
        ]);

        var run = await system.CoopAsync(token, "import", "agreements", file, "--dry-run");

        Assert.Equal(1, run.ExitCode);
        Assert.Matches(@"\b4\b.*\bparties\b", run.Output);
        Assert.Matches(@"\b3\s*\W\s*2\s*\W\s*1\b", run.Output);  // rows, valid, refused
        Assert.Empty(await vitebsk.AgreementsTitledAsync(prefix));
    }

    [Fact]
    public async Task A_sheet_gives_a_rough_figure_by_its_sign_and_a_party_the_source_does_not_name_by_its_country()
    {
        var token = await system.TokenAsync("committee", "BY-MI", "cli-clerk");
        using var minskOblast = await system.ClientAsync("committee", "BY-MI");
        var prefix = $"Unnamed {Guid.NewGuid():N}";
        var agreements = Path.Combine(folder, "unnamed.csv");
        await File.WriteAllLinesAsync(agreements, ["kind,title,parties,signedOn,source", $"cooperation,{prefix},BY-MI; unnamed:CN,2005-12,Seed"]);
        var reports = Path.Combine(folder, "rough.csv");
        var y = Api.FreshYear();
        await File.WriteAllLinesAsync(reports,
        [
            "reporter,partner,periodFrom,periodTo,flow,currency,unit,exports,imports,turnover,growthPercent,source",
            $"BY-MI,CN,{y},{y},goods,USD,million,20,7,~30,>5,Seed",
        ]);

        var imported = await system.CoopAsync(token, "import", "agreements", agreements);
        var filed = await system.CoopAsync(token, "import", "trade-reports", reports);

        Assert.True(imported.ExitCode == 0, imported.Output);
        var party = Assert.Single(await minskOblast.AgreementsTitledAsync(prefix)).GetProperty("parties")[1];
        Assert.Equal(("unnamed", "CN"), (party.GetProperty("level").GetString(), party.GetProperty("country").GetString()));
        Assert.True(filed.ExitCode == 0, filed.Output);
        var id = (await minskOblast.GetJsonAsync($"/api/trade/reports?reporter=BY-MI&from={y}&to={y}")).GetProperty("items")[0].GetProperty("id").GetGuid();
        var report = await minskOblast.GetJsonAsync($"/api/trade/reports/{id}");
        Assert.Equal((30m, "about", "at-least"), (report.GetProperty("turnover").GetDecimal(),
            report.GetProperty("qualifiers").GetProperty("turnover").GetString(), report.GetProperty("qualifiers").GetProperty("growthPercent").GetString()));
    }

    [Fact]
    public async Task A_sheet_of_visits_gives_members_and_a_venue_and_a_sheet_of_counts_gives_visits_counted_for_a_period()
    {
        var token = await system.TokenAsync("committee", "RU-AMU", "cli-clerk");
        using var amur = await system.ClientAsync("committee", "RU-AMU");
        var purpose = $"Exhibition {Guid.NewGuid():N}";
        var visits = Path.Combine(folder, "visits.csv");
        await File.WriteAllLinesAsync(visits,
        [
            "direction,host,guests,headName,members,plannedFrom,purpose,venue,source",
            $"outgoing,Благовещенск,CN,Ivan Petrov,\"Mikhail Aksyonov, Minister; , Representatives of enterprises\",2007-03,{purpose},Moscow,Seed",
        ]);
        var y = Api.FreshYear();
        var counts = Path.Combine(folder, "visit-counts.csv");
        await File.WriteAllLinesAsync(counts, ["direction,host,partner,periodFrom,periodTo,count,source", $"incoming,Благовещенск,CN,{y},{y},>22,Seed"]);
        Assert.Equal(0, (await system.CoopAsync(null, "template", "visit-counts", Path.Combine(folder, "counts-template.csv"))).ExitCode);

        var planned = await system.CoopAsync(token, "import", "visits", visits);
        var counted = await system.CoopAsync(token, "import", "visit-counts", counts);

        Assert.True(planned.ExitCode == 0, planned.Output);
        var visit = Assert.Single((await amur.GetJsonAsync("/api/delegations/visits?region=RU-AMU&from=2007-03&to=2007-03&pageSize=200")).GetProperty("items")
            .EnumerateArray(), v => v.GetProperty("purpose").GetString() == purpose);
        Assert.Equal("RU-MOW", visit.GetProperty("venue").GetProperty("code").GetString());
        Assert.Equal((null, "Representatives of enterprises"), (visit.GetProperty("members")[1].GetProperty("name").GetString(), visit.GetProperty("members")[1].GetProperty("position").GetString()));
        Assert.Equal("Mikhail Aksyonov", visit.GetProperty("members")[0].GetProperty("name").GetString());
        Assert.True(counted.ExitCode == 0, counted.Output);
        var count = Assert.Single((await amur.GetJsonAsync($"/api/delegations/visit-counts?region=RU-AMU&from={y}&to={y}")).GetProperty("items").EnumerateArray());
        Assert.Equal((22, "at-least"), (count.GetProperty("count").GetInt32(), count.GetProperty("qualifiers").GetProperty("count").GetString()));
        Assert.Contains("direction,host,partner,periodFrom,periodTo,count", (await File.ReadAllLinesAsync(Path.Combine(folder, "counts-template.csv")))[0]);
    }

    [Fact]
    public async Task Sheets_of_occasions_and_exchanges_give_an_edition_of_a_fair_and_students_counted_as_the_source_states_it()
    {
        var token = await system.TokenAsync("committee", "BY-MA", "cli-clerk");
        using var mogilev = await system.ClientAsync("committee", "BY-MA");
        var series = $"Fair {Guid.NewGuid():N}";
        var occasions = Path.Combine(folder, "occasions.csv");
        await File.WriteAllLinesAsync(occasions, ["kind,title,series,edition,venue,from,participants,source,quote", $"fair,23rd {series},{series},23,Harbin,2012-06,BY-MA,Seed,The 23rd fair"]);
        var institution = $"Academy {Guid.NewGuid():N}";
        var exchanges = Path.Combine(folder, "exchanges.csv");
        await File.WriteAllLinesAsync(exchanges, ["kind,direction,from,to,toInstitution,academicYear,count,source", $"students,received,CN,BY-MA,{institution},2011-2012,<100,Seed"]);
        Assert.Equal(0, (await system.CoopAsync(null, "template", "exchanges", Path.Combine(folder, "exchanges-template.csv"))).ExitCode);

        var registered = await system.CoopAsync(token, "import", "occasions", occasions);
        var recorded = await system.CoopAsync(token, "import", "exchanges", exchanges);

        Assert.True(registered.ExitCode == 0, registered.Output);
        var fair = Assert.Single((await mogilev.GetJsonAsync($"/api/delegations/occasions?series={series}")).GetProperty("items").EnumerateArray());
        Assert.Equal((23, "CN-HL-HARBIN", "The 23rd fair"), (fair.GetProperty("edition").GetInt32(), fair.GetProperty("venue").GetProperty("code").GetString(),
            fair.GetProperty("source").GetProperty("quote").GetString()));
        Assert.True(recorded.ExitCode == 0, recorded.Output);
        var students = Assert.Single((await mogilev.GetJsonAsync("/api/delegations/exchanges?region=BY-MA&from=2012-01&to=2012-01&pageSize=200")).GetProperty("items")
            .EnumerateArray(), x => x.GetProperty("to").GetProperty("institution").GetString() == institution);
        Assert.Equal((100, "at-most", "2011-09"), (students.GetProperty("count").GetInt32(), students.GetProperty("qualifiers").GetProperty("count").GetString(),
            students.GetProperty("period").GetProperty("from").GetString()));
        Assert.Contains("kind,direction,from,fromInstitution,to,toInstitution", (await File.ReadAllLinesAsync(Path.Combine(folder, "exchanges-template.csv")))[0]);
    }

    [Fact]
    public async Task A_sheet_of_commissions_sets_up_a_working_group_under_its_agreement_and_a_dry_run_names_a_bad_kind()
    {
        var token = await system.TokenAsync("committee", "BY-VI", "cli-clerk");
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        var agreement = await vitebsk.CreateAsync("/api/agreements", Api.Twinning(Api.UniqueTitle("Agreement setting up a working group")));
        var title = Api.UniqueTitle("Joint working group of Vitebsk Oblast and Heilongjiang Province");
        var commissions = Path.Combine(folder, "commissions.csv");
        await File.WriteAllLinesAsync(commissions, ["kind,title,parties,agreement,formedOn,source,quote",
            $"joint-working-group,{title},BY-VI; Хэйлунцзян,{agreement},2015,Seed,The parties set up a joint working group.",
            $"committee of friends,{title} (2),BY-VI; CN-HL,,,Seed,"]);

        var checkedRun = await system.CoopAsync(token, "import", "commissions", commissions, "--dry-run");
        Assert.Equal(1, checkedRun.ExitCode);
        Assert.Matches(@"\b3\b.*\bkind\b", checkedRun.Output);
        Assert.Equal(0, (await vitebsk.GetJsonAsync($"/api/agreements/commissions?q={Uri.EscapeDataString(title)}")).GetProperty("total").GetInt32());

        await File.WriteAllLinesAsync(commissions, (await File.ReadAllLinesAsync(commissions)).Take(2));
        var imported = await system.CoopAsync(token, "import", "commissions", commissions);
        Assert.True(imported.ExitCode == 0, imported.Output);
        var group = Assert.Single((await vitebsk.GetJsonAsync($"/api/agreements/commissions?foundingAgreementId={agreement}")).GetProperty("items").EnumerateArray());
        Assert.Equal((title, "joint-working-group"), (group.GetProperty("title").GetString(), group.GetProperty("kind").GetString()));
        Assert.Equal(["BY-VI", "CN-HL"], group.GetProperty("parties").EnumerateArray().Select(p => p.GetProperty("code").GetString()));
    }

    [Fact]
    public async Task An_xlsx_template_explains_its_columns_and_imports_when_filled_in()
    {
        var token = await system.TokenAsync("committee", "BY-VI", "cli-clerk");
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        var template = Path.Combine(folder, "template.xlsx");
        Assert.Equal(0, (await system.CoopAsync(null, "template", "agreements", template)).ExitCode);
        var columns = MiniExcel.Query(template, useHeaderRow: true, sheetName: "columns").Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(["agreements", "columns"], MiniExcel.GetSheetNames(template));
        Assert.Contains(columns, c => (string?)c["column"] == "parties" && ((string?)c["example"])!.Contains("BY-VI"));
        Assert.All(columns, c => Assert.Matches(@"\p{IsCyrillic}", (string?)c["значение"]));
        Assert.Contains("unnamed:CN", (string?)columns.Single(c => (string?)c["column"] == "parties")["значение"]);

        var prefix = $"Spreadsheet {Guid.NewGuid():N}";
        var filled = Path.Combine(folder, "filled.xlsx");
        MiniExcel.SaveAs(filled, new[]
        {
            new Dictionary<string, object?> { ["kind"] = "memorandum", ["title"] = $"{prefix} memorandum", ["parties"] = "BY-VI; CN-HL", ["spheres"] = "", ["signedOn"] = "2019-06", ["validUntil"] = null, ["place"] = null, ["parent"] = null, ["source"] = "Seed" },
        });
        var run = await system.CoopAsync(token, "import", "agreements", filled);

        Assert.True(run.ExitCode == 0, run.Output);
        var stored = Assert.Single(await vitebsk.AgreementsTitledAsync(prefix));
        Assert.Equal("signed", stored.GetProperty("status").GetString());
    }

    [Fact]
    public async Task An_export_verifies_offline_and_a_changed_a_removed_or_two_swapped_events_or_another_head_do_not()
    {
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        using var auditor = await system.ClientAsync("auditor", sub: "cli-auditor");
        var token = await system.TokenAsync("auditor", sub: "cli-auditor");
        var id = await Audit.AgreementWithEventsAsync(vitebsk, extensions: 2);
        var sequences = await Audit.SequencesAsync(vitebsk, id);
        await Audit.SealedAsync(auditor, sequences[^1]);

        var export = Path.Combine(folder, "agreements.ndjson");
        var exported = await system.CoopAsync(token, "export", "agreements", "--out", export);
        Assert.True(exported.ExitCode == 0, exported.Output);
        var lines = await File.ReadAllLinesAsync(export);
        var head = JsonNode.Parse(lines.Last(l => l.StartsWith("{\"checkpoint\"")))!["checkpoint"]!["head"]!.GetValue<string>();
        int LineOf(long sequence) => Array.FindIndex(lines, l => l.StartsWith("{\"event\"") && JsonNode.Parse(l)!["event"]!["sequence"]!.GetValue<long>() == sequence);

        async Task<(int ExitCode, string Output)> VerifyAsync(string name, string[] content, params string[] options)
        {
            var path = Path.Combine(folder, name);
            await File.WriteAllLinesAsync(path, content);
            return await system.CoopAsync(null, ["verify", path, .. options]);
        }

        var intact = await system.CoopAsync(null, "verify", export, "--head", head);
        var changed = lines.ToArray();
        var edited = JsonNode.Parse(changed[LineOf(sequences[1])])!;
        edited["event"]!["data"]!["validUntil"] = "2099";
        changed[LineOf(sequences[1])] = edited.ToJsonString();
        var removed = lines.Where((_, i) => i != LineOf(sequences[1])).ToArray();
        var swapped = lines.ToArray();
        (swapped[LineOf(sequences[1])], swapped[LineOf(sequences[2])]) = (swapped[LineOf(sequences[2])], swapped[LineOf(sequences[1])]);
        var otherHead = (head[0] == '0' ? "1" : "0") + head[1..];

        Assert.True(intact.ExitCode == 0, intact.Output);
        Assert.Contains("Intact", intact.Output);
        foreach (var (name, content) in new[] { ("changed", changed), ("removed", removed), ("swapped", swapped) })
        {
            var run = await VerifyAsync($"{name}.ndjson", content);
            Assert.True(run.ExitCode == 1, $"{name}: {run.Output}");
            // The edited event; the removed one, missing from the checkpoint that sealed it, or the one after it in its stream,
            // whose predecessor is gone (whichever the walk meets first: other tests' events may lie between the two);
            // the first of the two out of place.
            long[] named = name switch { "changed" => [sequences[1]], "removed" => [sequences[1], sequences[2]], _ => [sequences[2]] };
            Assert.True(named.Any(s => Regex.IsMatch(run.Output, $@"sequence {s}\b")), $"{name}: {run.Output}");
        }
        var rewritten = await VerifyAsync("rewritten.ndjson", lines, "--head", otherHead);
        Assert.Equal(1, rewritten.ExitCode);
        Assert.Contains(otherHead, rewritten.Output);
    }
}
